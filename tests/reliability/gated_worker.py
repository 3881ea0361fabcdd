"""The project's Celery worker, with a gate before the report renderer, for the fault tests.

`python -m tests.reliability.gated_worker worker ARGS` runs `celery worker ARGS` unchanged,
except that when RELIABILITY_RENDER_GATE names a file, a build that reaches its file (status
RENDERING) writes its process id to `<gate>.pid` and goes on only once the gate file exists.
The tests kill the worker there, mid-build, and no wait is shipped in the project's own code.
When the worker is ready to take jobs it creates RELIABILITY_READY_FILE.
"""

import os
import sys
import time
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bwcmeet.settings")
django.setup()

from celery.signals import worker_ready  # noqa: E402 -- after django.setup()

from apps.reports import services  # noqa: E402
from bwcmeet.celery import app  # noqa: E402

GATE = os.environ.get("RELIABILITY_RENDER_GATE", "")
READY = os.environ.get("RELIABILITY_READY_FILE", "")
render = services.render


def gated_render(*args: Any, **kwargs: Any) -> Any:
    gate = Path(GATE)
    Path(f"{gate}.pid").write_text(str(os.getpid()))
    while not gate.exists():
        time.sleep(0.02)
    return render(*args, **kwargs)


@worker_ready.connect
def announce(**kwargs: Any) -> None:
    if READY:
        Path(READY).touch()


if __name__ == "__main__":
    if GATE:
        services.render = gated_render  # the pool's processes are forked after this
    app.worker_main(sys.argv[1:])
