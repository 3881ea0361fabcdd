"""Writes of the reports app: requesting a draft, building it, and a meeting's own templates.

A draft is a job and its file. `request_draft` is the one way in (API, admin, command): it
makes sure the registry holds the symbols the report carries, names the template and the data
the draft is made of (`template_version`, `data_hash`), lists the problems the data checks
find, and finds or creates the draft for that key. Only a new draft, a failed one or one whose
worker died is queued, and only once the transaction commits, so asking twice gives one draft
and one build.

`build_draft` is what the worker runs. It claims the draft with one conditional UPDATE (so two
deliveries of the same job cannot both build it), renders it and stores the file, reporting
its stage in `status` and `progress`. It never leaves a draft BUILDING or RENDERING: an error
marks it FAILED with the message, except a transient database error, which puts the draft back
in the queue for the task's retry (and the task marks it FAILED if the retries run out).

A worker that dies mid-build (killed, out of memory, stopped past its hard time limit) cannot
mark anything: its draft stays in progress until its lease (REPORTS_BUILD_LEASE_SECONDS) ends.
Then either the job comes back (Redis hands out an unacknowledged job again, and the new
delivery takes the draft over), or the watchdog `fail_stuck_drafts`, run by Celery beat, marks
it FAILED with an error asking for it to be requested again.
"""

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.text import slugify

from apps.accounts.models import User
from apps.core.errors import DomainError
from apps.documents import services as document_services
from apps.documents import symbols
from apps.documents.enums import DocumentStatus, DocumentType, ReservedNumber, SubmittedBy
from apps.documents.models import Document
from apps.meetings.models import Meeting

from . import selectors, tasks
from .checks import Severity, check_report_data
from .context import MeetingData, context_from_data, load_meeting_data
from .document import ReportDocument
from .enums import DRAFT_LANGUAGES, IN_PROGRESS, DraftFormat, DraftStatus, ReportKind
from .models import ReportDraft, ReportTemplate
from .renderers import render
from .templating import default_template_source, render_report, validate_template

logger = logging.getLogger(__name__)

# How the progress message names the file being written.
FILE_NAMES: dict[str, str] = {
    DraftFormat.DOCX: "Word file",
    DraftFormat.PDF: "PDF file",
    DraftFormat.HTML: "HTML page",
    DraftFormat.TXT: "text file",
}
# Errors worth a retry: the database went away or is restarting. Everything else is final.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)


class DraftError(DomainError):
    default_code = "invalid_draft"


class StaleDraftError(DomainError):
    """The template or the data changed between the request and the build."""

    status_code = 409
    default_code = "stale_draft"


# --- names of what a draft is made of -------------------------------------------------------


def read_report_data(*, meeting: Meeting, lang: str) -> tuple[MeetingData, dict[str, Any]]:
    """The meeting's rows as a report in `lang` reads them, and the templates' context built
    from them: one reading serves the checks, the data hash and the rendering."""
    with translation.override(lang):
        data = load_meeting_data(meeting=meeting, lang=lang)
        return data, context_from_data(data, lang=lang)


def hash_of_context(context: dict[str, Any]) -> str:
    """SHA-256 of a report's context written out by `repr`.

    The context is made of strings, integers, booleans, None and dates, in tuples, lists and
    dicts built in the data's order, and of frozen dataclasses whose `repr` lists every field:
    its `repr` is the same text for the same data, in any process, at a tenth of the cost of
    writing it as JSON. Nothing whose `repr` varies (sets, model instances, lazy translations)
    may enter a context: `tests/reports/test_context.py` walks real contexts to keep it so.
    """
    return hashlib.sha256(repr(context).encode("utf-8")).hexdigest()


def data_hash(*, meeting: Meeting, lang: str) -> str:
    """SHA-256 of the meeting's data as the report reads it: the context the templates get."""
    return hash_of_context(read_report_data(meeting=meeting, lang=lang)[1])


def default_template_version(*, kind: str, lang: str) -> str:
    source = default_template_source(kind, lang)
    return f"default:{hashlib.sha1(source.encode('utf-8'), usedforsecurity=False).hexdigest()}"


def template_in_use(*, meeting: Meeting, kind: str, lang: str) -> tuple[str | None, str]:
    """`(source, version name)`: the meeting's active template, else the default (`None`)."""
    template = selectors.active_template_of(meeting=meeting, kind=kind, lang=lang)
    if template is not None:
        return template.source, template.template_version
    return None, default_template_version(kind=kind, lang=lang)


def _template_source_of(draft: ReportDraft) -> str | None:
    """The text named by `draft.template_version`; a template changed since is an error."""
    name = draft.template_version
    if name.startswith("default:"):
        if default_template_version(kind=draft.kind, lang=draft.lang) != name:
            raise StaleDraftError(
                "The default template changed after this draft was requested; request it again."
            )
        return None
    version = int(name.rsplit(":v", 1)[1])
    source = selectors.template_source_of_version(
        meeting=draft.meeting, kind=draft.kind, lang=draft.lang, version=version
    )
    if source is None:
        raise StaleDraftError(f"Version {version} of the meeting's template is not on record.")
    return source


# --- symbols from the registry ----------------------------------------------------------------


def _report_crp(meeting: Meeting) -> Document | None:
    """The meeting's draft report: its first conference room paper that was not withdrawn."""
    return (
        Document.objects.filter(
            meeting=meeting, doc_type=DocumentType.CONFERENCE_ROOM_PAPER, modifier=""
        )
        .exclude(status=DocumentStatus.WITHDRAWN)
        .order_by("number")
        .first()
    )


def _main_document(meeting: Meeting, purpose: ReservedNumber) -> Document | None:
    symbol = symbols.build_symbol(meeting.series, DocumentType.MAIN, purpose.value)
    return Document.objects.filter(symbol=symbol).first()


def ensure_report_symbols(*, meeting: Meeting, kind: str, actor: User | None) -> str:
    """Reserve in the registry what the report needs, if missing; return the draft's symbol.

    A procedural report is drafted as the meeting's CRP and issued as its `/2` (both seeds,
    para. 20); a provisional agenda is `/1`. The caller holds the meeting's row lock, so two
    requests never both reserve.
    """
    if kind == ReportKind.PROCEDURAL_REPORT:
        crp = _report_crp(meeting)
        if crp is None:
            crp = document_services.mint_symbol(
                meeting=meeting,
                doc_type=DocumentType.CONFERENCE_ROOM_PAPER,
                actor=actor,
                title_en=f"Draft report of the {meeting.title_en}",
                title_zh=f"{meeting.title_zh}报告草案" if meeting.title_zh else "",
                submitted_by=SubmittedBy.CHAIR,
                languages=["en"],
                language_note_en="English only",
                language_note_zh="仅英文本",
            )
        if _main_document(meeting, ReservedNumber.REPORT) is None:
            document_services.reserve_main_document(
                meeting=meeting,
                purpose=ReservedNumber.REPORT,
                actor=actor,
                title_en=f"Report of the {meeting.title_en}",
                title_zh=f"{meeting.title_zh}报告" if meeting.title_zh else "",
            )
        return crp.symbol
    if kind == ReportKind.PROVISIONAL_AGENDA:
        agenda = _main_document(meeting, ReservedNumber.PROVISIONAL_AGENDA)
        if agenda is None:
            agenda = document_services.reserve_main_document(
                meeting=meeting,
                purpose=ReservedNumber.PROVISIONAL_AGENDA,
                actor=actor,
                title_en=f"Provisional agenda for the {meeting.title_en}",
                title_zh=f"{meeting.title_zh}临时议程" if meeting.title_zh else "",
                submitted_by=SubmittedBy.CHAIR,
            )
        return agenda.symbol
    return ""  # a list of participants takes the symbol the registry gives it (MISC/INF)


# --- requesting a draft ---------------------------------------------------------------------


def _problems(meeting: Meeting, lang: str, data: MeetingData) -> list[dict[str, str]]:
    """What the data checks find for a draft in `lang`, errors first, as stored on the draft."""
    return [
        {
            "code": problem.code,
            "message": problem.message,
            "where": problem.where,
            "severity": str(problem.severity),
        }
        for problem in check_report_data(meeting=meeting, lang=lang, data=data)
    ]


def _lease() -> timedelta:
    return timedelta(seconds=settings.REPORTS_BUILD_LEASE_SECONDS)


def is_abandoned(draft: ReportDraft, *, now: datetime | None = None) -> bool:
    """In progress for longer than any build may take: its worker died or the job was lost."""
    if draft.status not in IN_PROGRESS:
        return False
    since = draft.started_at or draft.updated_at
    return since is not None and since < (now or timezone.now()) - _lease()


def file_is_missing(draft: ReportDraft) -> bool:
    """Done, but its file is gone from storage (deleted by hand, or a restore without files):
    the draft is built again when next requested."""
    return draft.status == DraftStatus.DONE and not (
        draft.file and draft.file.storage.exists(draft.file.name)
    )


def lease_left(draft: ReportDraft, *, now: datetime | None = None) -> float:
    """Seconds until a draft in progress counts as abandoned (0 once it does)."""
    since = draft.started_at or draft.updated_at
    if since is None:
        return 0.0
    return max(0.0, (since + _lease() - (now or timezone.now())).total_seconds())


def _duration(seconds: int) -> str:
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def fail_stuck_drafts(*, now: datetime | None = None) -> int:
    """Mark FAILED every draft still in progress past its lease; return how many (the watchdog).

    A build's time limits are below the lease, so no live worker holds a draft that long: a
    draft BUILDING or RENDERING past it lost its worker, and one QUEUED past it lost its job.
    Each UPDATE repeats the condition, so a worker taking the draft over at the same moment
    either wins (the draft is in progress again, with a new lease) or finds it FAILED.
    """
    now = now or timezone.now()
    cutoff = now - _lease()
    limit = _duration(settings.REPORTS_BUILD_LEASE_SECONDS)
    stuck = (
        (
            Q(status__in=(DraftStatus.BUILDING, DraftStatus.RENDERING), since__lt=cutoff),
            f"The worker stopped while building this draft (it was still in progress after "
            f"{limit}); request it again.",
        ),
        (
            Q(status=DraftStatus.QUEUED, updated_at__lt=cutoff),
            f"No worker took this draft from the queue within {limit}; request it again.",
        ),
    )
    count = 0
    for condition, error in stuck:
        drafts = ReportDraft.objects.alias(since=Coalesce("started_at", "updated_at")).filter(
            condition
        )
        ids = list(drafts.values_list("pk", flat=True))
        if not ids:
            continue
        marked = drafts.filter(pk__in=ids).update(
            status=DraftStatus.FAILED,
            progress="Failed.",
            error=error,
            finished_at=now,
            updated_at=now,
        )
        logger.warning("Report drafts %s: %s", ids, error)
        count += marked
    return count


def _enqueue(draft_id: int) -> None:
    """Hand the draft to the worker; if the queue cannot take it, the draft fails visibly."""
    try:
        tasks.task_build_draft.delay(draft_id=draft_id)
    except Exception as error:  # the broker is down, or (eager mode) the build raised
        logger.exception("Could not run the build of report draft %s", draft_id)
        fail_draft(draft_id=draft_id, error=f"The build could not be queued or run: {error}")


def _check_request(*, kind: str, lang: str, fmt: str) -> None:
    if kind not in ReportKind.values:
        raise DraftError(f"Unknown kind of report: {kind}.", field="kind")
    if lang not in DRAFT_LANGUAGES:
        raise DraftError(
            f"Drafts are made in {', '.join(DRAFT_LANGUAGES)}, not {lang}.", field="lang"
        )
    if fmt not in DraftFormat.values:
        raise DraftError(f"Unknown format: {fmt}.", field="format")


@transaction.atomic
def request_draft(
    *,
    meeting: Meeting,
    kind: str,
    lang: str,
    fmt: str,
    actor: User | None,
    strict: bool = False,
    enqueue: bool = True,
) -> ReportDraft:
    """The draft of this report for the meeting's current data and template; queued if new.

    Problems in the data are listed on the draft, which is still built; with `strict`, a draft
    whose data has errors (problems of severity "error"; warnings never stop a draft) is not
    built: it is stored FAILED with its problems. `enqueue`
    False leaves a new draft QUEUED for the caller to build in-process (`draft_report`).
    """
    _check_request(kind=kind, lang=lang, fmt=fmt)
    # The meeting's row lock queues concurrent requests for one meeting: the symbols are
    # reserved once and the draft's key is looked up by one request at a time.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    symbol = ensure_report_symbols(meeting=meeting, kind=kind, actor=actor)
    _, template_version = template_in_use(meeting=meeting, kind=kind, lang=lang)
    data, context = read_report_data(meeting=meeting, lang=lang)
    problems = _problems(meeting, lang, data)
    draft, created = ReportDraft.objects.get_or_create(
        meeting=meeting,
        kind=kind,
        lang=lang,
        fmt=fmt,
        template_version=template_version,
        data_hash=hash_of_context(context),
        defaults={
            "requested_by": actor,
            "symbol": symbol,
            "problems": problems,
            "strict": strict,
            "progress": "Queued.",
        },
    )
    rebuild = draft.status == DraftStatus.FAILED or is_abandoned(draft) or file_is_missing(draft)
    if not (created or rebuild):
        return draft  # done, or being built: the same draft, untouched
    draft.requested_by, draft.symbol, draft.problems, draft.strict = actor, symbol, problems, strict
    draft.error, draft.started_at, draft.finished_at = "", None, None
    draft._history_user = actor
    errors = [problem for problem in problems if problem["severity"] == Severity.ERROR]
    if strict and errors:
        draft.status = DraftStatus.FAILED
        draft.progress = "Not built."
        draft.error = (
            f"The data has {len(errors)} error(s) that would make the draft wrong, and it was "
            "requested as strict; correct the data, or request it without strict."
        )
        draft.save()
        return draft
    draft.status, draft.progress = DraftStatus.QUEUED, "Queued."
    draft.save()
    if enqueue:
        draft_id = draft.pk
        transaction.on_commit(lambda: _enqueue(draft_id))
    return draft


# --- building a draft -----------------------------------------------------------------------


# Called with (status, progress) at each stage of a build: the command's progress bar.
ProgressCallback = Callable[[str, str], None]


def _set_stage(
    draft: ReportDraft, status: str, progress: str, on_progress: ProgressCallback | None
) -> None:
    draft.status, draft.progress = status, progress
    draft.save(update_fields=["status", "progress", "updated_at"])
    if on_progress is not None:
        on_progress(status, progress)


def _file_name(draft: ReportDraft, extension: str) -> str:
    """`<series>/<kind>-<lang>-<id>.<ext>` under the field's `drafts/`: one name per draft."""
    series = slugify(draft.meeting.series.replace("/", "-").replace(".", "-"))
    return f"{series}/{draft.kind}-{draft.lang}-{draft.pk}.{extension}"


def _claim(draft: ReportDraft) -> bool:
    """Take the draft for this worker: queued, or abandoned by a worker that died."""
    now = timezone.now()
    claimed = (
        ReportDraft.objects.filter(pk=draft.pk)
        .filter(
            Q(status=DraftStatus.QUEUED)
            | Q(
                status__in=(DraftStatus.BUILDING, DraftStatus.RENDERING),
                started_at__lt=now - _lease(),
            )
        )
        .update(
            status=DraftStatus.BUILDING,
            progress="Reading the meeting's data and the template.",
            error="",
            attempts=F("attempts") + 1,
            started_at=now,
            finished_at=None,
            updated_at=now,
        )
    )
    draft.refresh_from_db()
    return bool(claimed)


def _message(error: Exception) -> str:
    from celery.exceptions import SoftTimeLimitExceeded  # only a worker raises it

    if isinstance(error, SoftTimeLimitExceeded):
        return (
            f"The build took longer than {settings.REPORTS_BUILD_SOFT_TIME_LIMIT} seconds "
            "and was stopped."
        )
    if isinstance(error, DomainError):
        line = getattr(error, "line", None)
        message = error.message
        if line and f"line {line}" not in message.lower():
            message = f"Line {line}: {message}"
        return message
    return f"{type(error).__name__}: {error}"


def _document_of(draft: ReportDraft) -> ReportDocument:
    source = _template_source_of(draft)
    _, context = read_report_data(meeting=draft.meeting, lang=draft.lang)
    if hash_of_context(context) != draft.data_hash:
        raise StaleDraftError(
            "The meeting's data changed after this draft was requested; request it again."
        )
    return render_report(
        meeting=draft.meeting,
        kind=draft.kind,
        lang=draft.lang,
        template_source=source,
        context=context,
    )


def build_draft(*, draft: ReportDraft, on_progress: ProgressCallback | None = None) -> ReportDraft:
    """Build the draft's file (see the module docstring); a finished draft returns at once."""
    if draft.status == DraftStatus.DONE or not _claim(draft):
        return draft
    if on_progress is not None:
        on_progress(draft.status, draft.progress)
    try:
        document = _document_of(draft)
        fmt = DraftFormat(draft.fmt)
        _set_stage(draft, DraftStatus.RENDERING, f"Writing the {FILE_NAMES[fmt]}.", on_progress)
        content, _, extension = render(document, fmt)
        # A build taken over from a dead worker: the file it recorded, or wrote under the
        # draft's name without recording it, goes; the draft keeps one file.
        if draft.file:
            draft.file.delete(save=False)
        name = _file_name(draft, extension)
        draft.file.storage.delete(draft.file.field.generate_filename(draft, name))
        draft.file.save(name, ContentFile(content), save=False)
        draft.symbol = document.masthead.symbol or draft.symbol
        draft.size = len(content)
        draft.status, draft.progress = DraftStatus.DONE, "Done."
        draft.finished_at = timezone.now()
        draft.save()
        if on_progress is not None:
            on_progress(draft.status, draft.progress)
    except TRANSIENT_ERRORS:
        _release(draft)
        raise
    except Exception as error:  # any other failure is final, and shown on the draft
        logger.exception("Report draft %s failed", draft.pk)
        fail_draft(draft_id=draft.pk, error=_message(error))
        draft.refresh_from_db()
    return draft


def _release(draft: ReportDraft) -> None:
    """Back to the queue for the task's retry; if even that write fails, the lease expires."""
    try:
        ReportDraft.objects.filter(pk=draft.pk, status__in=IN_PROGRESS).update(
            status=DraftStatus.QUEUED,
            progress="Waiting to retry after a database error.",
            updated_at=timezone.now(),
        )
    except DatabaseError:
        logger.exception("Could not put report draft %s back in the queue", draft.pk)


def fail_draft(*, draft_id: int, error: str) -> None:
    """Mark an unfinished draft FAILED with `error` (a finished one stays finished)."""
    ReportDraft.objects.filter(pk=draft_id).exclude(status=DraftStatus.DONE).update(
        status=DraftStatus.FAILED,
        progress="Failed.",
        error=error,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


# --- a meeting's own templates --------------------------------------------------------------


@transaction.atomic
def upload_template(
    *, meeting: Meeting, kind: str, lang: str, source: str, actor: User | None
) -> ReportTemplate:
    """Make `source` the meeting's template for this report, once it renders.

    The text is untrusted: `validate_template` compiles and renders it in the sandbox, and its
    `TemplateError` (naming the line) leaves nothing written. New text gets the next version;
    the history keeps the earlier ones.
    """
    if kind not in ReportKind.values:
        raise DraftError(f"Unknown kind of report: {kind}.", field="kind")
    if lang not in DRAFT_LANGUAGES:
        raise DraftError(f"Templates exist in {', '.join(DRAFT_LANGUAGES)}.", field="lang")
    validate_template(source, kind=kind, lang=lang)
    template = (
        ReportTemplate.objects.select_for_update()
        .filter(meeting=meeting, kind=kind, lang=lang)
        .first()
    )
    if template is None:
        template = ReportTemplate(meeting=meeting, kind=kind, lang=lang, version=1)
    elif template.source != source:
        template.version += 1
    template.source, template.active, template.uploaded_by = source, True, actor
    template._history_user = actor
    template.full_clean(validate_unique=False)
    template.save()
    return template


def set_template_active(
    *, template: ReportTemplate, active: bool, actor: User | None
) -> ReportTemplate:
    """Use the meeting's template again, or fall back to the default (nothing is deleted)."""
    template.active = active
    template._history_user = actor
    template.save(update_fields=["active", "updated_at"])
    return template
