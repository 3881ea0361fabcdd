"""Gunicorn settings for bwcmeet. Each value can be overridden from the environment."""

import multiprocessing
import os
from pathlib import Path

wsgi_app = "bwcmeet.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# 2 x cores + 1, capped: PDF generation runs in the Celery worker, not in web processes.
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Addresses of the reverse proxy allowed to set X-Forwarded-* headers. In the compose setup
# the proxy reaches the container from the Docker network, hence "*" in .env.example.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Heartbeat files in memory rather than on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
# The runtime control socket is not used.
control_socket_disable = True
