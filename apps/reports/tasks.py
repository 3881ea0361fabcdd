"""The worker's side of drafts: one thin task around `services.build_draft`.

The task takes the draft's id only, fetches the draft, and calls the service. Retries live
here: a transient database error (the service has put the draft back in the queue) is retried
with exponential backoff; when the retries run out, `on_failure` marks the draft FAILED so that
no draft is left waiting. The time limits stay below the broker's visibility timeout
(CELERY_BROKER_TRANSPORT_OPTIONS), so Redis never hands a running build to a second worker.

A job that finds its draft held by another delivery looks again once the holder's lease has
ended: a worker process killed mid-build gets its job back at once (acks late, reject on worker
lost) while the draft still shows the dead build as running, and only the lease tells the two
apart. `task_fail_stuck_drafts` is the watchdog Celery beat runs (CELERY_BEAT_SCHEDULE).
"""

import logging
from typing import Any

from billiard.einfo import ExceptionInfo
from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .enums import DraftStatus
from .models import ReportDraft

logger = logging.getLogger(__name__)


class DraftTask(Task):
    """Marks the draft FAILED when the task gives up (retries exhausted, or a crash)."""

    def on_failure(
        self,
        exc: BaseException,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: ExceptionInfo,
    ) -> None:
        draft_id = kwargs.get("draft_id")
        if draft_id is None:
            return
        from .services import fail_draft  # services enqueue this task: imported here (a leaf)

        try:
            fail_draft(
                draft_id=draft_id,
                error=f"The build failed after {self.request.retries + 1} attempt(s): "
                f"{type(exc).__name__}: {exc}",
            )
        except Exception:  # the database may still be down; the lease will free the draft
            logger.exception("Could not mark report draft %s as failed", draft_id)


@shared_task(
    base=DraftTask,
    bind=True,
    name="reports.build_draft",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=3,
    acks_late=True,
    soft_time_limit=settings.REPORTS_BUILD_SOFT_TIME_LIMIT,
    time_limit=settings.REPORTS_BUILD_TIME_LIMIT,
)
def task_build_draft(self: Task, *, draft_id: int) -> str | None:
    """Build report draft `draft_id`; returns its status (for the result backend)."""
    draft = ReportDraft.objects.select_related("meeting").filter(pk=draft_id).first()
    if draft is None:
        logger.warning("ReportDraft %s vanished before it could be built", draft_id)
        return None
    from .services import build_draft, lease_left  # services enqueue this task (a leaf)

    draft = build_draft(draft=draft)
    if draft.status in (DraftStatus.BUILDING, DraftStatus.RENDERING) and not self.request.is_eager:
        # Held by another build, live or dead: by the end of its lease it is finished, or
        # abandoned and ours to take over. A fresh job, so the retries stay for database errors.
        countdown = lease_left(draft) + 1
        logger.info(
            "Report draft %s is being built elsewhere; looking again in %.0f s", draft_id, countdown
        )
        self.apply_async(kwargs={"draft_id": draft_id}, countdown=countdown)
    return draft.status


@shared_task(name="reports.fail_stuck_drafts")
def task_fail_stuck_drafts() -> int:
    """The watchdog: mark FAILED the drafts in progress past their lease; returns how many."""
    from .services import fail_stuck_drafts  # services enqueue the build task (a leaf)

    return fail_stuck_drafts()
