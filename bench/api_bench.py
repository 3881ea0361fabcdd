"""API throughput and latency under a real server, beside a bare Django view.

gunicorn serves the project (deploy/gunicorn.conf.py: `2 x cores + 1` gthread workers of 2
threads, capped at 9) on PostgreSQL with DJANGO_SETTINGS_MODULE=bench.settings, which adds
the bare views of `bench/bare.py`. For each endpoint, headless locust runs the same number of
concurrent clients against the API path and against its bare view, one after the other, in
alternating order over the rounds; each run reports requests per second and the 50th, 95th
and 99th percentiles of latency. The figure is the median over the rounds of the ratio API /
bare of each round's pair of runs.
"""

import csv
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, token: str, timeout: float = 30) -> tuple[int, bytes]:
    request = urllib.request.Request(  # noqa: S310 -- loopback URL built here
        url, headers={"Authorization": f"Token {token}", "Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, response.read()


class Server:
    """gunicorn on 127.0.0.1 with the deploy configuration, stopped by `stop()`."""

    def __init__(self, *, env: dict[str, str], workers: int | None, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [
            str(BIN / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
            "--max-requests",
            "0",  # no recycling in the middle of a measurement
        ]
        if workers:
            command += ["--workers", str(workers)]
        self.workers = workers or min(2 * (os.cpu_count() or 1) + 1, 9)
        self.threads = int(env.get("GUNICORN_THREADS", "2"))
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_locust(
    *, host: str, path: str, token: str, users: int, seconds: int, workdir: Path, label: str
) -> dict[str, Any]:
    """One headless locust run of `users` clients GETting `path` for `seconds`."""
    prefix = workdir / label
    env = {**os.environ, "BENCH_PATH": path, "BENCH_TOKEN": token}
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--host",
            host,
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--reset-stats",
            "--only-summary",
            "--csv",
            str(prefix),
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / f"{label}.log").open("wb"),
        timeout=seconds + 60,
    )
    with Path(f"{prefix}_stats.csv").open(newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")
    if int(row["Request Count"]) == 0:  # a loaded machine may not spawn the clients in time
        raise RuntimeError(f"locust made no request in {seconds} s; give it more time")
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "mean_ms": round(float(row["Average Response Time"]), 1),
        "bytes": round(float(row["Average Content Size"])),
    }


def _mean(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("rps", "p50_ms", "p95_ms", "p99_ms", "mean_ms")
    merged = {key: round(statistics.fmean(run[key] for run in runs), 1) for key in keys}
    merged["requests"] = sum(run["requests"] for run in runs)
    merged["failures"] = sum(run["failures"] for run in runs)
    merged["bytes"] = runs[0]["bytes"]
    return merged


def _check_same_rows(host: str, token: str, api: str, bare: str) -> dict[str, Any]:
    """Both answer 200 with the same rows: the same `count` and ids (or the same agenda)."""
    status_api, body_api = _get(host + api, token)
    status_bare, body_bare = _get(host + bare, token)
    data_api, data_bare = json.loads(body_api), json.loads(body_bare)
    if "results" in data_api:
        same = data_api["count"] == data_bare["count"] and [
            row["id"] for row in data_api["results"]
        ] == [row["id"] for row in data_bare["results"]]
        rows = len(data_api["results"])
    else:
        same = [item["id"] for item in data_api["agenda"]["items"]] == [
            item["id"] for item in data_bare["agenda"]["items"]
        ] and data_api["participation"] == data_bare["participation"]
        rows = len(data_api["agenda"]["items"])
    if (status_api, status_bare, same) != (200, 200, True):
        raise RuntimeError(f"{api} and {bare} do not answer the same rows")
    return {"rows": rows, "api_bytes": len(body_api), "bare_bytes": len(body_bare)}


def measure_api(
    *,
    env: dict[str, str],
    token: str,
    endpoints: dict[str, tuple[str, str]],
    users: int,
    seconds: int,
    rounds: int,
    workers: int | None,
    workdir: Path,
) -> dict[str, Any]:
    """`endpoints`: name → (API path, bare path). Returns the figures of every endpoint."""
    server = Server(env=env, workers=workers, log=workdir / "gunicorn.log")
    results: dict[str, Any] = {
        "server": {
            "gunicorn_workers": server.workers,
            "threads_per_worker": server.threads,
            "config": "deploy/gunicorn.conf.py",
            "conn_max_age": env.get("CONN_MAX_AGE"),
        },
        "clients": users,
        "seconds_per_run": seconds,
        "rounds": rounds,
        "load_tool": "locust (headless, FastHttpUser, no wait)",
        "endpoints": {},
    }
    try:
        server.wait_ready()
        for name, (api, bare) in endpoints.items():
            check = _check_same_rows(server.url, token, api, bare)
            for path in (api, bare):  # warm every worker
                for _ in range(3 * server.workers):
                    _get(server.url + path, token)
            runs: dict[str, list[dict[str, Any]]] = {"api": [], "bare": []}
            for round_number in range(rounds):
                order = ("api", "bare") if round_number % 2 == 0 else ("bare", "api")
                for side in order:
                    path = api if side == "api" else bare
                    runs[side].append(
                        run_locust(
                            host=server.url,
                            path=path,
                            token=token,
                            users=users,
                            seconds=seconds,
                            workdir=workdir,
                            label=f"{name}-{side}-{round_number}",
                        )
                    )
            api_figures, bare_figures = _mean(runs["api"]), _mean(runs["bare"])
            # Each round's API run sits beside its bare run: their ratio shares the load of
            # the moment; the median over the rounds resists the machine's drift.
            paired = [a["rps"] / b["rps"] for a, b in zip(runs["api"], runs["bare"], strict=True)]
            results["endpoints"][name] = {
                "api_path": api,
                "bare_path": bare,
                **check,
                "api": api_figures,
                "bare": bare_figures,
                "ratio_throughput": round(statistics.median(paired), 2),
                "ratio_throughput_per_round": [round(ratio, 2) for ratio in paired],
                "ratio_p50": round(api_figures["p50_ms"] / bare_figures["p50_ms"], 2),
                "ratio_p99": round(api_figures["p99_ms"] / bare_figures["p99_ms"], 2),
                "runs": runs,
            }
            print(
                f"api {name}: {api_figures['rps']} req/s (p50 {api_figures['p50_ms']} ms, "
                f"p99 {api_figures['p99_ms']} ms) vs bare {bare_figures['rps']} req/s: "
                f"ratio {results['endpoints'][name]['ratio_throughput']}",
                file=sys.stderr,
            )
    finally:
        server.stop()
    return results
