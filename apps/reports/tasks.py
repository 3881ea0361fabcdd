"""The worker's side of drafts: one thin task around `services.build_draft`.

The task takes the draft's id only, fetches the draft, and calls the service. Retries live
here: a transient database error (the service has put the draft back in the queue) is retried
with exponential backoff; when the retries run out, `on_failure` marks the draft FAILED so that
no draft is left waiting. The time limits stay below the broker's visibility timeout
(CELERY_BROKER_TRANSPORT_OPTIONS), so Redis never hands a running build to a second worker.
"""

import logging
from typing import Any

from billiard.einfo import ExceptionInfo
from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

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
def task_build_draft(*, draft_id: int) -> str | None:
    """Build report draft `draft_id`; returns its status (for the result backend)."""
    draft = ReportDraft.objects.select_related("meeting").filter(pk=draft_id).first()
    if draft is None:
        logger.warning("ReportDraft %s vanished before it could be built", draft_id)
        return None
    from .services import build_draft  # services enqueue this task: imported here (a leaf)

    return build_draft(draft=draft).status
