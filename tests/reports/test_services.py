"""The drafting services: request (symbols, key, queue), build (stages, files), templates."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import OperationalError
from django.utils import timezone

from apps.documents.enums import DocumentStatus, DocumentType
from apps.documents.models import Document
from apps.interchange.synthetic import SyntheticSizes, synthesize_meeting
from apps.reports import services
from apps.reports.enums import DraftStatus, ReportKind
from apps.reports.models import ReportDraft, ReportTemplate
from apps.reports.templating import TemplateError, default_template_source
from tests.factories.agendas import AgendaFactory, AgendaItemFactory
from tests.factories.documents import DocumentFactory
from tests.factories.meetings import MeetingFactory

from .factories import ReportTemplateFactory

pytestmark = pytest.mark.django_db

REPORT = ReportKind.PROCEDURAL_REPORT
# Reaches for Python's internals from a value the context holds.
ESCAPE = "{{ meeting.__class__.__mro__[1].__subclasses__() }}\n"


def _request(meeting, actor=None, **options):
    arguments = {"kind": REPORT, "lang": "en", "fmt": "html", **options}
    return services.request_draft(meeting=meeting, actor=actor, **arguments)


def _drafts_dir(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "drafts"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def _small_meeting(series="BWC/MSP/2031/MX.1"):
    meeting = MeetingFactory(series=series)
    AgendaItemFactory(agenda=AgendaFactory(meeting=meeting), number=1)
    return meeting


# --- request_draft --------------------------------------------------------------------------


def test_request_draft_new_is_queued_and_enqueued_after_commit(
    mx5, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft = _request(mx5, officer)

    assert len(callbacks) == 1
    assert (draft.status, draft.progress, draft.requested_by) == (
        DraftStatus.QUEUED,
        "Queued.",
        officer,
    )
    assert ReportDraft.objects.get(pk=draft.pk).status == DraftStatus.QUEUED  # nothing ran yet


def test_request_draft_after_commit_builds_the_draft(
    mx5, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = _request(mx5, officer)

    draft.refresh_from_db()
    assert (draft.status, draft.error, draft.attempts) == (DraftStatus.DONE, "", 1)
    assert draft.file.read().startswith(b"<!DOCTYPE html>")


def test_request_draft_twice_gives_one_draft_and_one_job(
    mx5, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = _request(mx5, officer)
        second = _request(mx5, officer)

    assert (second.pk, len(callbacks), ReportDraft.objects.count()) == (first.pk, 1, 1)


def test_request_draft_names_the_default_template_and_hashes_the_data(mx5):
    draft = _request(mx5)

    assert draft.template_version == services.default_template_version(kind=REPORT, lang="en")
    assert draft.template_version.startswith("default:")
    assert len(draft.data_hash) == 64
    assert draft.data_hash == services.data_hash(meeting=mx5, lang="en")


def test_request_draft_after_a_data_change_is_a_new_draft(mx5):
    first = _request(mx5)
    mx5.title_en = "2020 Meeting of Experts on Institutional Strengthening (amended)"
    mx5.save()

    second = _request(mx5)

    assert second.pk != first.pk
    assert second.data_hash != first.data_hash


def test_request_draft_with_a_meeting_template_names_its_version(mx5, officer):
    services.upload_template(
        meeting=mx5,
        kind=REPORT,
        lang="en",
        source=default_template_source(REPORT, "en"),
        actor=officer,
    )

    draft = _request(mx5)

    assert draft.template_version == f"meeting:{mx5.pk}:v1"


def test_request_draft_failed_is_queued_again(mx5, django_capture_on_commit_callbacks):
    failed = _request(mx5)
    services.fail_draft(draft_id=failed.pk, error="boom")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = _request(mx5)

    assert (again.pk, again.status, again.error, len(callbacks)) == (
        failed.pk,
        DraftStatus.QUEUED,
        "",
        1,
    )


def test_request_draft_being_built_is_left_alone(mx5, django_capture_on_commit_callbacks):
    draft = _request(mx5)
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=DraftStatus.BUILDING, started_at=timezone.now()
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = _request(mx5)

    assert (again.pk, again.status, len(callbacks)) == (draft.pk, DraftStatus.BUILDING, 0)


def test_request_draft_abandoned_by_its_worker_is_queued_again(
    mx5, settings, django_capture_on_commit_callbacks
):
    draft = _request(mx5)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.REPORTS_BUILD_LEASE_SECONDS + 60)
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=DraftStatus.RENDERING, started_at=long_ago
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = _request(mx5)

    assert (again.pk, again.status, len(callbacks)) == (draft.pk, DraftStatus.QUEUED, 1)


def test_request_draft_reserves_the_crp_and_the_report_symbol_once(officer):
    meeting = _small_meeting("BWC/MSP/2031/MX.2")

    first = _request(meeting, officer)
    second = _request(meeting, officer, fmt="docx", lang="zh")
    registered = list(
        Document.objects.filter(meeting=meeting)
        .order_by("doc_type", "number")
        .values_list("symbol", "status")
    )

    assert registered == [
        ("BWC/MSP/2031/MX.2/2", DocumentStatus.RESERVED),
        ("BWC/MSP/2031/MX.2/CRP.1", DocumentStatus.RESERVED),
    ]
    assert (first.symbol, second.symbol) == ("BWC/MSP/2031/MX.2/CRP.1", "BWC/MSP/2031/MX.2/CRP.1")


def test_request_draft_uses_the_crp_already_registered(mx5):
    before = Document.objects.filter(meeting=mx5).count()

    draft = _request(mx5)

    assert (draft.symbol, Document.objects.filter(meeting=mx5).count()) == (
        "BWC/MSP/2020/MX.5/CRP.1",
        before,
    )


def test_request_draft_skips_a_withdrawn_crp():
    meeting = _small_meeting("BWC/MSP/2031/MX.3")
    DocumentFactory(
        meeting=meeting,
        doc_type=DocumentType.CONFERENCE_ROOM_PAPER,
        number=1,
        status=DocumentStatus.WITHDRAWN,
    )

    draft = _request(meeting)

    assert draft.symbol == "BWC/MSP/2031/MX.3/CRP.2"


def test_request_draft_lists_the_problems_and_still_builds(django_capture_on_commit_callbacks):
    meeting = _small_meeting("BWC/MSP/2031/MX.4")  # no chair, no delegations, no documents

    with django_capture_on_commit_callbacks(execute=True):
        draft = _request(meeting)

    draft.refresh_from_db()
    assert draft.problems == [
        {"code": p.code, "message": p.message, "where": p.where, "severity": p.severity}
        for p in services.check_report_data(meeting=meeting, lang="en")
    ]
    assert (draft.status, len(draft.problems) > 0) == (DraftStatus.DONE, True)


def test_request_draft_strict_with_problems_fails_without_a_job(django_capture_on_commit_callbacks):
    meeting = _small_meeting("BWC/MSP/2031/MX.5")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft = _request(meeting, strict=True)

    assert (draft.status, len(callbacks), draft.file.name) == (DraftStatus.FAILED, 0, "")
    errors = [problem for problem in draft.problems if problem["severity"] == "error"]
    assert draft.error.startswith(f"The data has {len(errors)} error(s) that would make")


def test_request_draft_strict_then_not_strict_builds_the_same_draft(
    django_capture_on_commit_callbacks,
):
    meeting = _small_meeting("BWC/MSP/2031/MX.6")
    refused = _request(meeting, strict=True)

    with django_capture_on_commit_callbacks(execute=True):
        built = _request(meeting)

    built.refresh_from_db()
    assert (built.pk, built.status, built.strict) == (refused.pk, DraftStatus.DONE, False)


def test_request_draft_in_an_unknown_language_is_refused(mx5):
    with pytest.raises(services.DraftError) as error:
        _request(mx5, lang="fr")

    assert (error.value.field, ReportDraft.objects.count()) == ("lang", 0)


def test_request_draft_query_count_is_constant_in_the_meeting_size(django_assert_max_num_queries):
    small = synthesize_meeting(
        series="BWC/CONF.XL",
        sizes=SyntheticSizes(states=5, items=2, interventions=4, documents=8, ngos=2),
    ).meeting
    large = synthesize_meeting(
        series="BWC/CONF.XLI",
        sizes=SyntheticSizes(states=60, items=6, interventions=20, documents=80),
    ).meeting
    _request(small)  # the registry's CRP.1 and /2 are reserved here, once
    _request(large)
    counts = {}
    for meeting in (small, large):
        ReportDraft.objects.filter(meeting=meeting).delete()
        with django_assert_max_num_queries(1000) as captured:
            _request(meeting)
        counts[meeting.series] = len(captured)

    assert counts["BWC/CONF.XL"] == counts["BWC/CONF.XLI"]


# --- build_draft ----------------------------------------------------------------------------


def test_build_draft_goes_through_the_stages_and_stores_the_file(mx5, settings):
    draft = _request(mx5, fmt="html", lang="zh")
    stages = []

    built = services.build_draft(
        draft=draft, on_progress=lambda status, message: stages.append(status)
    )

    assert stages == [DraftStatus.BUILDING, DraftStatus.RENDERING, DraftStatus.DONE]
    assert (built.status, built.progress, built.attempts, built.symbol) == (
        DraftStatus.DONE,
        "Done.",
        1,
        "BWC/MSP/2020/MX.5/CRP.1",
    )
    assert built.finished_at >= built.started_at
    assert _drafts_dir(settings) == [
        Path(settings.MEDIA_ROOT)
        / "drafts"
        / "bwc-msp-2020-mx-5"
        / f"procedural_report-zh-{built.pk}.html"
    ]
    assert built.size == len(built.file.read())


def test_build_draft_twice_writes_one_file(mx5, settings):
    draft = _request(mx5)

    services.build_draft(draft=draft)
    again = services.build_draft(draft=ReportDraft.objects.get(pk=draft.pk))

    assert (again.status, again.attempts, len(_drafts_dir(settings))) == (DraftStatus.DONE, 1, 1)


def test_build_draft_a_template_that_raises_at_render_time_fails_with_the_line(mx5):
    # Stored as if it had been valid once: it breaks only on this meeting's data.
    ReportTemplateFactory(
        meeting=mx5, kind=REPORT, lang="en", source="= Report\n\n¶ {{ items[0].number // 0 }}\n"
    )
    draft = _request(mx5)

    built = services.build_draft(draft=draft)

    assert (built.status, built.progress, built.file.name) == (DraftStatus.FAILED, "Failed.", "")
    assert built.error.startswith("Line 3: the template does not render: ZeroDivisionError")


def test_build_draft_after_the_data_changed_fails_as_stale(mx5):
    draft = _request(mx5)
    mx5.title_en = "Changed after the request"
    mx5.save()

    built = services.build_draft(draft=ReportDraft.objects.get(pk=draft.pk))

    assert (built.status, built.error) == (
        DraftStatus.FAILED,
        "The meeting's data changed after this draft was requested; request it again.",
    )


def test_build_draft_uses_the_template_version_it_was_requested_with(mx5, officer):
    source = default_template_source(REPORT, "en")
    services.upload_template(meeting=mx5, kind=REPORT, lang="en", source=source, actor=officer)
    draft = _request(mx5)
    services.upload_template(
        meeting=mx5, kind=REPORT, lang="en", source=source + "\nAppendix.\n", actor=officer
    )

    built = services.build_draft(draft=ReportDraft.objects.get(pk=draft.pk))

    assert (built.status, built.template_version) == (DraftStatus.DONE, f"meeting:{mx5.pk}:v1")
    assert b"Appendix." not in built.file.read()


def test_build_draft_transient_database_error_puts_it_back_in_the_queue(mx5, monkeypatch):
    draft = _request(mx5)

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    # A database outage cannot be staged here; this stands in for one, mid-build.
    monkeypatch.setattr(services, "render", database_gone)

    with pytest.raises(OperationalError):
        services.build_draft(draft=draft)

    draft.refresh_from_db()
    assert (draft.status, draft.progress, draft.attempts) == (
        DraftStatus.QUEUED,
        "Waiting to retry after a database error.",
        1,
    )


def test_build_draft_abandoned_by_a_dead_worker_is_taken_over(mx5, settings):
    draft = _request(mx5)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.REPORTS_BUILD_LEASE_SECONDS + 60)
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=DraftStatus.BUILDING, started_at=long_ago, attempts=1
    )

    built = services.build_draft(draft=ReportDraft.objects.get(pk=draft.pk))

    assert (built.status, built.attempts) == (DraftStatus.DONE, 2)


def test_build_draft_being_built_by_another_worker_is_left_alone(mx5):
    draft = _request(mx5)
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=DraftStatus.BUILDING, started_at=timezone.now(), attempts=1
    )

    left = services.build_draft(draft=ReportDraft.objects.get(pk=draft.pk))

    assert (left.status, left.attempts, left.file.name) == (DraftStatus.BUILDING, 1, "")


def test_build_draft_failed_is_not_built_again_by_a_stray_job(mx5):
    draft = _request(mx5)
    services.fail_draft(draft_id=draft.pk, error="boom")

    left = services.build_draft(draft=ReportDraft.objects.get(pk=draft.pk))

    assert (left.status, left.error, left.attempts) == (DraftStatus.FAILED, "boom", 0)


# --- templates ------------------------------------------------------------------------------


def test_upload_template_first_is_version_one(mx5, officer):
    template = services.upload_template(
        meeting=mx5,
        kind=REPORT,
        lang="en",
        source=default_template_source(REPORT, "en"),
        actor=officer,
    )

    assert (template.version, template.active, template.uploaded_by) == (1, True, officer)


def test_upload_template_new_text_bumps_the_version_and_keeps_the_old(mx5, officer):
    source = default_template_source(REPORT, "en")
    services.upload_template(meeting=mx5, kind=REPORT, lang="en", source=source, actor=officer)

    template = services.upload_template(
        meeting=mx5, kind=REPORT, lang="en", source=source + "\nAppendix.\n", actor=officer
    )
    versions = sorted(
        ReportTemplate.history.filter(id=template.pk).values_list("version", flat=True).distinct()
    )

    assert (template.version, versions) == (2, [1, 2])


def test_upload_template_same_text_keeps_the_version(mx5, officer):
    source = default_template_source(REPORT, "en")
    services.upload_template(meeting=mx5, kind=REPORT, lang="en", source=source, actor=officer)

    template = services.upload_template(
        meeting=mx5, kind=REPORT, lang="en", source=source, actor=officer
    )

    assert template.version == 1


def test_upload_template_that_does_not_render_names_the_line_and_writes_nothing(mx5, officer):
    source = "= Report\n\n¶ {{ meeting.no_such_thing }}\n"

    with pytest.raises(TemplateError) as error:
        services.upload_template(meeting=mx5, kind=REPORT, lang="en", source=source, actor=officer)

    assert (error.value.line, error.value.field) == (3, "source")
    assert error.value.message.startswith("Line 3: ")
    assert ReportTemplate.objects.count() == 0


def test_upload_template_reaching_python_internals_is_refused_and_writes_nothing(mx5, officer):
    with pytest.raises(TemplateError) as error:
        services.upload_template(meeting=mx5, kind=REPORT, lang="en", source=ESCAPE, actor=officer)

    assert (error.value.code, error.value.line) == ("unsafe", 1)
    assert (ReportTemplate.objects.count(), ReportTemplate.history.count()) == (0, 0)


def test_set_template_active_false_falls_back_to_the_default(mx5, officer):
    template = services.upload_template(
        meeting=mx5,
        kind=REPORT,
        lang="en",
        source=default_template_source(REPORT, "en"),
        actor=officer,
    )

    services.set_template_active(template=template, active=False, actor=officer)
    draft = _request(mx5)

    assert draft.template_version == services.default_template_version(kind=REPORT, lang="en")


def test_data_hash_is_the_same_for_the_same_data(mx5):
    assert services.data_hash(meeting=mx5, lang="zh") == services.data_hash(meeting=mx5, lang="zh")


def test_data_hash_differs_between_languages(mx5):
    assert services.data_hash(meeting=mx5, lang="zh") != services.data_hash(meeting=mx5, lang="en")
