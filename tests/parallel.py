"""Running the same work in threads released together: the races of the concurrency tests."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def in_parallel(work: Callable[[], Any], count: int) -> tuple[list, list[Exception]]:
    """Run `work()` in `count` threads released together, each with its own database
    connection; (what the calls returned, what they raised)."""
    start = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def run():
        try:
            start.wait()
            outcome = work()
            with lock:
                results.append(outcome)
        except Exception as error:  # every failure is an outcome here
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
