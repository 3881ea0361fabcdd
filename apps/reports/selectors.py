"""Reads of the reports app: drafts for lists, and which template a draft uses."""

from django.db.models import QuerySet

from apps.meetings.models import Meeting

from .models import ReportDraft, ReportTemplate


def drafts_for_list() -> QuerySet[ReportDraft]:
    """Drafts with what a list shows: the meeting and who asked; newest first."""
    return ReportDraft.objects.select_related("meeting", "requested_by").order_by(
        "-created_at", "-pk"
    )


def drafts_of(meeting: Meeting) -> QuerySet[ReportDraft]:
    return drafts_for_list().filter(meeting=meeting)


def templates_for_list() -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.select_related("meeting", "uploaded_by").order_by(
        "meeting__series", "kind", "lang"
    )


def active_template_of(*, meeting: Meeting, kind: str, lang: str) -> ReportTemplate | None:
    """The meeting's own template for this report, if it has an active one."""
    return ReportTemplate.objects.filter(meeting=meeting, kind=kind, lang=lang, active=True).first()


def template_source_of_version(
    *, meeting: Meeting, kind: str, lang: str, version: int
) -> str | None:
    """The text a meeting's template had at `version` (the history keeps every version)."""
    current = ReportTemplate.objects.filter(meeting=meeting, kind=kind, lang=lang).first()
    if current is not None and current.version == version:
        return current.source
    old = (
        ReportTemplate.history.filter(meeting_id=meeting.pk, kind=kind, lang=lang, version=version)
        .order_by("-history_date")
        .first()
    )
    return None if old is None else old.source
