"""Fixtures of the reliability suite: real worker and beat processes, and a Redis of its own.

The worker and beat run as separate processes, started as `celery` starts them in production,
against the test database (tests that use them are transactional, so the rows they see are
committed) and a Redis database the suite has to itself. A module starts them once and shares
them between its tests; the fault tests kill and restart them.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import pytest
import redis
import yaml
from celery import Celery
from celery.signals import after_task_publish
from django.conf import settings
from django.db import connection, transaction

from bwcmeet.celery import app as celery_app

ROOT = Path(settings.BASE_DIR)
CELERY = Path(sys.executable).parent / "celery"
T = TypeVar("T")

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL): the worker process shares the test database",
)
needs_redis = pytest.mark.skipif(
    not settings.REDIS_URL, reason="needs Redis and a worker (set REDIS_URL); CI runs it"
)
needs_redis_server = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server (CI installs it)"
)


def compose_command(service: str) -> list[str]:
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    return list(compose["services"][service]["command"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(
    condition: Callable[[], T], *, what: str, timeout: float = 30, logs: tuple[Path, ...] = ()
) -> T:
    """Poll `condition` until it returns something true; fail naming `what`, with the logs."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            shown = "\n".join(f"--- {log.name}\n{log.read_text()[-4000:]}" for log in logs)
            pytest.fail(f"{what}: not after {timeout} s\n{shown}")
        time.sleep(0.05)


def worker_database_url() -> str:
    """The test database (pytest-django's `test_<name>`) as a URL for a worker process."""
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Process:
    def __init__(self, name: str, popen: subprocess.Popen, log: Path) -> None:
        self.name, self.popen, self.log = name, popen, log

    @property
    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole process group: the worker and its pool, as a crash would."""
        if self.alive:
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM (a warm shutdown), as `docker compose stop` does; SIGKILL if it hangs."""
        if self.alive:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


class Processes:
    """Workers and beats started for a module, all stopped when it ends."""

    # Short enough for a test to see a dead worker's job come back and a stuck draft caught.
    LEASE_SECONDS = 3
    VISIBILITY_SECONDS = 3
    # The gated worker's: long enough that a job it gets back from a killed pool process always
    # finds the dead build's lease still running, even on a loaded machine.
    GATED_LEASE_SECONDS = 6

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.media = directory / "media"
        self.gate = directory / "render-gate"
        self.started: list[Process] = []
        self._gated: Process | None = None
        self._plain: Process | None = None

    def _env(self, redis_url: str, lease_seconds: int = LEASE_SECONDS, **extra: str) -> dict:
        return {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(self.media),
            "CONN_MAX_AGE": "0",
            "REPORTS_BUILD_LEASE_SECONDS": str(lease_seconds),
            "CELERY_VISIBILITY_TIMEOUT": str(self.VISIBILITY_SECONDS),
            "LOG_LEVEL": "WARNING",
            **extra,
        }

    def _start(self, name: str, args: list[str], env: dict[str, str]) -> Process:
        log = self.directory / f"{len(self.started) + 1}-{name}.log"
        with log.open("w") as out:
            popen = subprocess.Popen(  # noqa: S603 -- the project's own commands
                args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        process = Process(name, popen, log)
        self.started.append(process)
        return process

    def worker(self, *, redis_url: str = "", gated: bool = False) -> Process:
        """A prefork worker with one pool process, as the `worker` service runs (with
        --concurrency 1, so the test knows which process builds); ready when returned."""
        number = len(self.started) + 1
        ready = self.directory / f"worker-{number}.ready"
        env = self._env(
            redis_url or settings.REDIS_URL,
            self.GATED_LEASE_SECONDS if gated else self.LEASE_SECONDS,
            RELIABILITY_READY_FILE=str(ready),
        )
        if gated:
            env["RELIABILITY_RENDER_GATE"] = str(self.gate)
        args = [
            sys.executable, "-m", "tests.reliability.gated_worker", "worker",
            "--pool", "prefork", "--concurrency", "1", "--loglevel", "info",
            "--hostname", f"reliability-{number}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        process = self._start("gated-worker" if gated else "worker", args, env)
        wait_for(
            lambda: ready.exists() or not process.alive,
            what=f"{process.name} ready",
            timeout=60,
            logs=(process.log,),
        )
        assert process.alive, process.log.read_text()
        return process

    def gated_worker(self) -> Process:
        """The module's worker whose builds wait at the gate (closed unless the file exists)."""
        if self._gated is None or not self._gated.alive:
            self._gated = self.worker(gated=True)
        return self._gated

    def plain_worker(self, *, fresh: bool = False) -> Process:
        """The module's ordinary worker; `fresh` starts a new one, which looks at once for jobs
        whose worker died (Redis then hands them out again; later only every 100 s)."""
        if fresh and self._plain is not None:
            self._plain.stop()
        if self._plain is None or not self._plain.alive:
            self._plain = self.worker()
        return self._plain

    def beat(self, *, watchdog_seconds: int) -> Process:
        """`celery beat` with the `beat` service's command from deploy/compose.yaml."""
        _, *args = compose_command("beat")
        args[args.index("--schedule") + 1] = str(self.directory / "celerybeat-schedule")
        env = self._env(settings.REDIS_URL, REPORTS_WATCHDOG_SECONDS=str(watchdog_seconds))
        return self._start("beat", [str(CELERY), *args], env)

    def stop_all(self) -> None:
        for process in reversed(self.started):
            process.stop()


class RedisServer:
    """A redis-server of the suite's own, on a free port, with its data in a directory: the
    shared Redis is never restarted."""

    def __init__(self, directory: Path, *options: str) -> None:
        self.directory, self.options = directory, options
        self.port = free_port()
        self.popen: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_connect_timeout=2)

    def start(self) -> None:
        args = [
            shutil.which("redis-server") or "redis-server", *self.options,
            "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
            "--logfile", str(self.directory / "redis.log"),
        ]  # fmt: skip
        self.popen = subprocess.Popen(args, cwd=self.directory)  # noqa: S603 -- fixed command

        def answers() -> bool:
            try:
                return bool(self.client().ping())
            except redis.RedisError:
                return False

        wait_for(answers, what="redis-server answers", timeout=10)

    def stop(self) -> None:
        """SIGTERM: Redis's own shutdown, as `docker compose restart redis` does."""
        if self.popen is not None and self.popen.poll() is None:
            self.popen.terminate()
            self.popen.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()


@contextmanager
def broker_at(url: str) -> Iterator[Celery]:
    """Send the tasks this thread enqueues to the broker at `url`.

    A second app on the same settings is made current: the tasks are shared tasks, which
    resolve to the current app's, so the services enqueue exactly as they do in production.
    """
    app = Celery("bwcmeet", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=url, result_backend=None, task_always_eager=False)
    app.set_current()
    try:
        yield app
    finally:
        celery_app.set_current()


@pytest.fixture(scope="module")
def processes(django_db_setup, tmp_path_factory) -> Iterator[Processes]:
    """The module's worker and beat processes; the suite's Redis database starts empty of jobs
    (a job left by an earlier, interrupted run could name a draft id of this run)."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    jobs = ("celery", "unacked", "unacked_index", "unacked_mutex")  # kombu's keys
    client.delete(*jobs)
    started = Processes(tmp_path_factory.mktemp("reliability"))
    try:
        yield started
    finally:
        started.stop_all()
        client.delete(*jobs)


@pytest.fixture
def media(processes, settings) -> Path:
    """The media folder the worker processes write to, as this process's MEDIA_ROOT."""
    settings.MEDIA_ROOT = processes.media
    return processes.media


@pytest.fixture
def sent_tasks() -> Iterator[list[dict]]:
    """Every task message published to the broker during the test, in order, with whether a
    transaction was open when it left. Tasks are published, not run in-process, even without
    REDIS_URL (then to the in-memory broker); what was published is purged afterwards."""
    sent: list[dict] = []

    def record(sender: str, headers: dict, body: tuple, **kwargs: object) -> None:
        _, task_kwargs, _ = body
        sent.append(
            {
                "task": sender,
                "kwargs": task_kwargs,
                "eta": headers.get("eta"),
                "in_transaction": transaction.get_connection().in_atomic_block,
            }
        )

    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    after_task_publish.connect(record, weak=False)
    try:
        yield sent
    finally:
        after_task_publish.disconnect(record)
        celery_app.conf.task_always_eager = eager
        celery_app.control.purge()
