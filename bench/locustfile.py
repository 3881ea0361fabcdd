"""Locust clients of the API benchmark: every user GETs one path as fast as it is answered.

The path and the token come from the environment (`BENCH_PATH`, `BENCH_TOKEN`), so that one
run measures one endpoint; `bench/api_bench.py` starts one headless run per endpoint.
"""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]
HEADERS = {"Authorization": f"Token {os.environ['BENCH_TOKEN']}", "Accept": "application/json"}


class Reader(FastHttpUser):
    wait_time = constant(0)

    @task
    def read(self) -> None:
        self.client.get(PATH, headers=HEADERS, name="read")
