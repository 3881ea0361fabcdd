"""deploy/: the compose file, the image, gunicorn and the environment agree with the settings.

Docker cannot run here, so the processes the containers run (gunicorn, the Celery worker) are
started directly with the same commands and the example environment.
"""

import multiprocessing
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VAR_LINE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$")


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def services() -> dict:
    return compose()["services"]


def env_example(*, include_commented: bool = False) -> dict[str, str]:
    found = {}
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        match = VAR_LINE.match(line)
        if match and (include_commented or not line.startswith("#")):
            found[match[1]] = match[2]
    return found


def settings_variables() -> set[str]:
    source = (ROOT / "bwcmeet" / "settings.py").read_text()
    return set(re.findall(r"\benv(?:\.\w+)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", source))


def dockerfile() -> str:
    return (DEPLOY / "Dockerfile").read_text()


def gunicorn_conf() -> dict:
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- compose.yaml ----------------------------------------------------------------------------


def test_compose_services_exist_with_their_commands():
    svc = services()

    assert set(svc) == {"postgres", "redis", "migrate", "web", "worker", "beat"}
    assert svc["postgres"]["image"] == "postgres:15"
    assert svc["redis"]["image"] == "redis:7"
    assert svc["redis"]["command"] == ["redis-server", "--appendonly", "yes"]
    assert svc["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert svc["migrate"]["restart"] == "no"
    assert svc["web"]["command"] == ["gunicorn", "-c", "deploy/gunicorn.conf.py"]
    assert svc["worker"]["command"] == [
        "celery", "-A", "bwcmeet", "worker", "-l", "info", "--concurrency", "2",
    ]  # fmt: skip
    assert svc["beat"]["command"][:5] == ["celery", "-A", "bwcmeet", "beat", "-l"]


def test_compose_app_services_start_after_healthy_database_broker_and_migrations():
    svc = services()

    assert svc["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in ("web", "worker"):
        assert svc[name]["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }


def test_compose_healthchecks_use_pg_isready_redis_ping_and_healthz():
    svc = services()

    assert "pg_isready" in " ".join(svc["postgres"]["healthcheck"]["test"])
    assert svc["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert "/healthz" in " ".join(svc["web"]["healthcheck"]["test"])


def test_compose_app_services_share_one_image_env_file_and_media_volume():
    config = compose()
    svc = config["services"]

    for name in ("migrate", "web", "worker"):
        assert svc[name]["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        assert svc[name]["image"] == "bwcmeet:latest"
        assert svc[name]["env_file"] == ".env"
        media_root = svc[name]["environment"]["MEDIA_ROOT"]
        assert f"media:{media_root}" in svc[name]["volumes"]
    assert (DEPLOY / ".." / svc["web"]["build"]["dockerfile"]).is_file()
    assert {"pgdata", "redisdata", "media"} <= set(config["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in svc["postgres"]["volumes"]
    assert "redisdata:/data" in svc["redis"]["volumes"]


def test_compose_web_port_is_published_on_loopback_by_default():
    (port,) = services()["web"]["ports"]

    assert port == "${WEB_PORT:-127.0.0.1:8000}:8000"


# --- .env.example ----------------------------------------------------------------------------


def test_env_example_lists_every_variable_the_settings_read():
    variables = settings_variables()

    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CONN_MAX_AGE"} <= variables
    assert variables - set(env_example(include_commented=True)) == set()


def test_env_example_lists_every_variable_deploy_and_bootstrap_read():
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text()
    compose_text = (DEPLOY / "compose.yaml").read_text()
    read = set(re.findall(r"os\.environ\.get\(\"(\w+)\"", gunicorn))
    read |= set(re.findall(r"\$\{(\w+)", compose_text))  # interpolated by compose
    read |= set(re.findall(r"\$\$(\w+)", compose_text))  # read inside the container
    command = ROOT / "apps" / "core" / "management" / "commands" / "bootstrap_demo.py"
    read |= set(re.findall(r"os\.environ(?:\.get\()?\W*\"(\w+)\"", command.read_text()))

    assert {"GUNICORN_WORKERS", "WEB_PORT", "POSTGRES_USER", "DJANGO_SUPERUSER_PASSWORD"} <= read
    assert read - set(env_example(include_commented=True)) == set()


def test_env_example_explains_each_variable_with_a_comment():
    lines = (DEPLOY / ".env.example").read_text().splitlines()

    for number, line in enumerate(lines):
        if VAR_LINE.match(line) and not line.startswith("#"):
            above = number - 1
            while above >= 0 and VAR_LINE.match(lines[above]):
                above -= 1
            assert above >= 0, f"no comment above {line!r}"
            assert lines[above].startswith("#"), f"no comment above {line!r}"


def test_env_example_database_url_matches_the_postgres_container():
    env = env_example()
    url = urlsplit(env["DATABASE_URL"])

    assert url.scheme == "postgres"
    assert (url.hostname, url.port) == ("postgres", 5432)
    assert url.username == env["POSTGRES_USER"]
    assert url.password == env["POSTGRES_PASSWORD"]
    assert url.path == f"/{env['POSTGRES_DB']}"
    assert env["REDIS_URL"] == "redis://redis:6379/0"


def test_env_example_is_production_safe_and_lets_the_healthcheck_in():
    env = env_example()

    assert env["DEBUG"] == "False"
    assert env["SECRET_KEY"] == "change-me"
    assert "secrets.token_urlsafe" in (DEPLOY / ".env.example").read_text()
    assert env["SESSION_COOKIE_SECURE"] == env["CSRF_COOKIE_SECURE"] == "True"
    assert "localhost" in env["ALLOWED_HOSTS"].split(",")
    assert all(origin.startswith("https://") for origin in env["CSRF_TRUSTED_ORIGINS"].split(","))


# --- gunicorn.conf.py ------------------------------------------------------------------------


def test_gunicorn_conf_names_only_gunicorn_settings(monkeypatch):
    for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    conf = {k: v for k, v in gunicorn_conf().items() if not k.startswith("_")}
    names = {k for k, v in conf.items() if not isinstance(v, type(os)) and not callable(v)}
    known = Config().settings

    assert names - set(known) == set()
    for name in names:  # each value passes gunicorn's own validation
        known[name].set(conf[name])
    assert conf["bind"] == "0.0.0.0:8000"
    assert 3 <= conf["workers"] <= 9
    assert conf["threads"] >= 1
    assert conf["timeout"] >= 30
    assert conf["accesslog"] == "-"
    assert conf["wsgi_app"] == "bwcmeet.wsgi:application"


def test_gunicorn_conf_workers_capped_on_many_cores(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: 64)

    assert gunicorn_conf()["workers"] == 9


def test_gunicorn_conf_environment_overrides_bind_and_workers(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9000")
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")

    conf = gunicorn_conf()

    assert conf["bind"] == "127.0.0.1:9000"
    assert conf["workers"] == 3
    assert conf["forwarded_allow_ips"] == "*"


# --- Dockerfile ------------------------------------------------------------------------------


def test_dockerfile_installs_requirements_weasyprint_libraries_and_a_cjk_font():
    text = dockerfile()

    assert text.count("\nFROM ") + text.startswith("FROM ") == 1
    assert "FROM python:3.11-slim-bookworm" in text
    assert "COPY requirements.txt" in text
    assert "pip install -r requirements.txt" in text
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libharfbuzz-subset0"):
        assert package in text
    assert "fonts-noto-cjk" in text or "fonts-wqy-microhei" in text


def test_dockerfile_runs_as_non_root_with_a_build_only_secret():
    text = dockerfile()
    collectstatic = next(line for line in text.splitlines() if "collectstatic" in line)

    assert collectstatic.startswith("RUN SECRET_KEY=")
    assert "ENV SECRET_KEY" not in text
    assert "ARG SECRET_KEY" not in text
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users
    assert users[-1] not in {"root", "0"}
    assert "EXPOSE 8000" in text
    assert 'CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]' in text


def test_dockerfile_copies_sources_that_exist_and_never_the_whole_context():
    sources = re.findall(r"^COPY (\S+) ", dockerfile(), re.MULTILINE)

    assert "." not in sources
    assert {"manage.py", "bwcmeet", "apps", "fixtures", "deploy/gunicorn.conf.py"} <= set(sources)
    for source in sources:
        assert (ROOT / source).exists(), source


# --- the processes, started as the containers start them --------------------------------------


def process_env(tmp_path: Path) -> dict[str, str]:
    """The example environment, with local services instead of the compose host names."""
    env = {**os.environ, **env_example()}
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name)
        if os.environ.get(name):
            env[name] = os.environ[name]
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    env["MEDIA_ROOT"] = str(tmp_path / "media")
    return env


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log.read_text()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"gunicorn did not listen:\n{log.read_text()}")


def warm_up(port: int) -> None:
    """Wait for the worker's first answer: the port listens before the worker has loaded Django,
    and a loaded machine can take longer than the healthcheck's own 5 s to boot it."""
    request = urllib.request.Request(
        f"http://localhost:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
    )
    urllib.request.urlopen(request, timeout=60).close()  # noqa: S310 -- a local test server


def test_gunicorn_serves_healthz_to_the_compose_healthcheck(tmp_path):
    port = free_port()
    env = process_env(tmp_path)
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1")
    log = tmp_path / "gunicorn.log"
    _, *args = services()["web"]["command"]
    with log.open("w") as out:
        web = subprocess.Popen(  # noqa: S603 -- fixed command from compose.yaml
            [sys.executable, "-m", "gunicorn", *args], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    try:
        wait_for_port(port, web, log)
        warm_up(port)
        _, python, *check = services()["web"]["healthcheck"]["test"]
        check = [arg.replace("localhost:8000", f"localhost:{port}") for arg in check]

        healthcheck = subprocess.run(  # noqa: S603 -- fixed command from compose.yaml
            [sys.executable, *check], env=env, capture_output=True, text=True, timeout=30
        )
        # Without the proxy's header, SECURE_SSL_REDIRECT sends plain HTTP to HTTPS.
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as plain:
            opener.open(f"http://localhost:{port}/healthz", timeout=10)
    finally:
        web.send_signal(signal.SIGTERM)
        web.wait(timeout=30)

    assert python == "python"
    assert healthcheck.returncode == 0, healthcheck.stderr
    assert plain.value.code == 301
    assert plain.value.headers["Location"].startswith("https://")
    assert web.returncode == 0
    assert re.search(r'"GET /healthz HTTP/1\.1" 200', log.read_text())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:
        return None


@pytest.mark.worker
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
def test_worker_command_starts_on_redis_and_stops_warmly(tmp_path):
    log = tmp_path / "worker.log"
    celery = Path(sys.executable).parent / "celery"
    _, *args = services()["worker"]["command"]
    with log.open("w") as out:
        worker = subprocess.Popen(  # noqa: S603 -- fixed command from compose.yaml
            [str(celery), *args], cwd=ROOT, env=process_env(tmp_path), stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text() and worker.poll() is None:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)

    output = log.read_text()
    assert "ready." in output, output
    assert "concurrency: 2 (prefork)" in output
    assert worker.returncode == 0, output
