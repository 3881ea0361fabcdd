"""The drafts' and templates' endpoints: 202 + job, polling, download, uploads, roles, queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.reports import services
from apps.reports.enums import DraftStatus
from apps.reports.models import ReportDraft, ReportTemplate
from apps.reports.templating import default_template_source
from tests.factories.meetings import MeetingFactory

from .factories import DoneDraftFactory, ReportDraftFactory, ReportTemplateFactory

pytestmark = pytest.mark.django_db

DRAFTS = "/api/v1/report-drafts/"
TEMPLATES = "/api/v1/report-templates/"
ESCAPE = "= Report\n\n{{ meeting.__class__.__mro__[1].__subclasses__() }}\n"


def _post_draft(client, payload, capture=None):
    if capture is None:
        return client.post(DRAFTS, payload, format="json")
    with capture(execute=True):
        return client.post(DRAFTS, payload, format="json")


# --- requesting and polling -------------------------------------------------------------


def test_draft_request_returns_202_and_the_job_url(
    officer_client, mx5, django_capture_on_commit_callbacks
):
    response = _post_draft(
        officer_client,
        {"series": mx5.series, "lang": "zh", "format": "html"},
        django_capture_on_commit_callbacks,
    )
    draft = ReportDraft.objects.get()
    body = response.json()

    assert response.status_code == 202
    assert response["Location"] == f"http://testserver{DRAFTS}{draft.pk}/"
    assert (body["url"], body["id"], body["series"], body["format"]) == (
        response["Location"],
        draft.pk,
        mx5.series,
        "html",
    )


def test_draft_job_reports_state_problems_and_download_url(
    officer_client, mx5, django_capture_on_commit_callbacks
):
    location = _post_draft(
        officer_client,
        {"meeting": mx5.pk, "lang": "en", "format": "html"},
        django_capture_on_commit_callbacks,
    )["Location"]

    job = officer_client.get(location).json()
    draft = ReportDraft.objects.get()

    assert (job["status"], job["progress"], job["error"], job["attempts"]) == (
        DraftStatus.DONE,
        "Done.",
        "",
        1,
    )
    assert job["problems"] == draft.problems
    assert job["download_url"] == f"http://testserver{DRAFTS}{draft.pk}/file/"
    assert (job["template_version"], job["data_hash"]) == (
        draft.template_version,
        draft.data_hash,
    )


def test_draft_request_before_commit_is_queued(officer_client, mx5):
    response = _post_draft(officer_client, {"meeting": mx5.pk, "lang": "en", "format": "html"})

    assert (response.status_code, response.json()["status"], response.json()["download_url"]) == (
        202,
        DraftStatus.QUEUED,
        None,
    )


def test_draft_request_twice_returns_the_same_job(officer_client, mx5):
    payload = {"meeting": mx5.pk, "lang": "en", "format": "html"}

    first = _post_draft(officer_client, payload)
    second = _post_draft(officer_client, payload)

    assert (first["Location"], ReportDraft.objects.count()) == (second["Location"], 1)


def test_draft_request_without_a_meeting_names_the_field(officer_client):
    response = officer_client.post(DRAFTS, {"lang": "en", "format": "docx"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["meeting"][0]["message"] == (
        "Give the meeting's id or its series (one of the two)."
    )


def test_draft_request_in_french_is_refused(officer_client, mx5):
    response = officer_client.post(
        DRAFTS, {"meeting": mx5.pk, "lang": "fr", "format": "docx"}, format="json"
    )

    assert (response.status_code, list(response.json()["error"]["fields"])) == (400, ["lang"])
    assert ReportDraft.objects.count() == 0


def test_draft_request_strict_with_problems_shows_them_on_the_failed_job(officer_client):
    meeting = MeetingFactory(series="BWC/MSP/2032/MX.1")

    response = officer_client.post(
        DRAFTS,
        {"meeting": meeting.pk, "lang": "en", "format": "docx", "strict": True},
        format="json",
    )
    body = response.json()

    assert (response.status_code, body["status"], body["strict"]) == (
        202,
        DraftStatus.FAILED,
        True,
    )
    assert body["problems"] == ReportDraft.objects.get().problems
    errors = [problem for problem in body["problems"] if problem["severity"] == "error"]
    assert body["error"].startswith(f"The data has {len(errors)} error(s) that would make")


# --- downloading ------------------------------------------------------------------------


def test_draft_file_downloads_with_its_name_and_type(read_only_client):
    draft = DoneDraftFactory(symbol="BWC/MSP/2030/MX.1/CRP.1", lang="zh")

    response = read_only_client.get(f"{DRAFTS}{draft.pk}/file/")

    assert (response.status_code, response["Content-Type"]) == (200, "text/plain; charset=utf-8")
    assert response["Content-Disposition"] == (
        'attachment; filename="BWC-MSP-2030-MX.1-CRP.1-zh.txt"'
    )
    assert b"".join(response.streaming_content) == b"draft\n"


def test_draft_file_inline_for_a_preview(read_only_client):
    draft = DoneDraftFactory(symbol="BWC/MSP/2030/MX.1/CRP.1")

    response = read_only_client.get(f"{DRAFTS}{draft.pk}/file/?inline=1")

    assert response["Content-Disposition"] == 'inline; filename="BWC-MSP-2030-MX.1-CRP.1-en.txt"'


def test_draft_file_not_built_yet_is_a_conflict(read_only_client):
    draft = ReportDraftFactory(status=DraftStatus.RENDERING)

    response = read_only_client.get(f"{DRAFTS}{draft.pk}/file/")

    assert (response.status_code, response.json()["error"]["code"]) == (409, "draft_not_ready")


def test_draft_file_gone_from_storage_is_a_conflict_then_built_again(
    officer_client, mx5, django_capture_on_commit_callbacks
):
    payload = {"meeting": mx5.pk, "lang": "en", "format": "html"}
    _post_draft(officer_client, payload, django_capture_on_commit_callbacks)
    draft = ReportDraft.objects.get()
    draft.file.storage.delete(draft.file.name)  # removed by hand, or restored without files

    gone = officer_client.get(f"{DRAFTS}{draft.pk}/file/")
    _post_draft(officer_client, payload, django_capture_on_commit_callbacks)
    again = officer_client.get(f"{DRAFTS}{draft.pk}/file/")

    assert (gone.status_code, gone.json()["error"]["code"]) == (409, "file_missing")
    assert ReportDraft.objects.get().attempts == 2
    assert again.status_code == 200
    assert b"".join(again.streaming_content).startswith(b"<!DOCTYPE html>")


# --- lists ------------------------------------------------------------------------------


@pytest.mark.parametrize("item_count", [1, 3])
def test_draft_list_query_count_is_constant(
    read_only_client, item_count, django_assert_num_queries
):
    meeting = MeetingFactory()
    ReportDraftFactory.create_batch(item_count, meeting=meeting, requested_by=None)

    with django_assert_num_queries(2):  # count, page (meeting and requester joined)
        response = read_only_client.get(DRAFTS)

    assert [row["id"] for row in response.json()["results"]] == list(
        ReportDraft.objects.order_by("-created_at", "-pk").values_list("pk", flat=True)
    )


def test_draft_list_filters_by_series_format_and_status(read_only_client):
    wanted = DoneDraftFactory(meeting__series="BWC/MSP/2033/MX.1", fmt="txt")
    ReportDraftFactory(meeting=wanted.meeting, fmt="docx")
    DoneDraftFactory(meeting__series="BWC/MSP/2033/MX.2", fmt="txt")

    response = read_only_client.get(
        DRAFTS, {"series": "BWC/MSP/2033/MX.1", "fmt": "txt", "status": "done"}
    )

    assert [row["id"] for row in response.json()["results"]] == [wanted.pk]


@pytest.mark.parametrize("item_count", [1, 3])
def test_template_list_query_count_is_constant(
    read_only_client, item_count, django_assert_num_queries
):
    for _ in range(item_count):
        ReportTemplateFactory()

    with django_assert_num_queries(2):  # count, page (meeting and uploader joined)
        response = read_only_client.get(TEMPLATES)

    assert len(response.json()["results"]) == item_count


# --- templates --------------------------------------------------------------------------


def test_template_upload_stores_version_one(officer_client, mx5):
    source = default_template_source("procedural_report", "en")

    response = officer_client.post(
        TEMPLATES,
        {"series": mx5.series, "kind": "procedural_report", "lang": "en", "source": source},
        format="json",
    )
    body = response.json()

    assert (response.status_code, body["version"], body["template_version"], body["active"]) == (
        201,
        1,
        f"meeting:{mx5.pk}:v1",
        True,
    )
    assert ReportTemplate.objects.get().source == source


def test_template_upload_as_a_file(officer_client, mx5):
    source = default_template_source("procedural_report", "zh")
    upload = SimpleUploadedFile("report.zh.txt.j2", source.encode("utf-8"), "text/plain")

    response = officer_client.post(
        TEMPLATES,
        {"meeting": mx5.pk, "kind": "procedural_report", "lang": "zh", "file": upload},
        format="multipart",
    )

    assert (response.status_code, ReportTemplate.objects.get().source) == (201, source)


def test_template_upload_that_does_not_render_is_400_naming_the_line(officer_client, mx5):
    source = "= Report\n\n¶ The meeting {{ meeting.no_such_thing }}.\n"

    response = officer_client.post(
        TEMPLATES,
        {"meeting": mx5.pk, "kind": "procedural_report", "lang": "en", "source": source},
        format="json",
    )
    error = response.json()["error"]

    assert (response.status_code, error["code"]) == (400, "render")
    assert error["fields"]["source"][0]["message"].startswith("Line 3: ")
    assert ReportTemplate.objects.count() == 0


def test_template_upload_reaching_python_internals_is_refused_and_writes_nothing(
    officer_client, mx5
):
    response = officer_client.post(
        TEMPLATES,
        {"meeting": mx5.pk, "kind": "procedural_report", "lang": "en", "source": ESCAPE},
        format="json",
    )
    error = response.json()["error"]

    assert (response.status_code, error["code"]) == (400, "unsafe")
    assert error["fields"]["source"][0]["message"] == (
        "Line 3: “__subclasses__” reaches into Python's internals, which report templates may "
        "not use; use only the report's data (meeting, organization, participation, items, "
        "documents)."
    )
    assert (ReportTemplate.objects.count(), ReportTemplate.history.count()) == (0, 0)


def test_template_active_false_falls_back_to_the_default(officer_client, mx5, officer):
    template = services.upload_template(
        meeting=mx5,
        kind="procedural_report",
        lang="en",
        source=default_template_source("procedural_report", "en"),
        actor=officer,
    )

    response = officer_client.post(
        f"{TEMPLATES}{template.pk}/active/", {"active": False}, format="json"
    )

    assert (response.status_code, response.json()["active"]) == (200, False)
    assert services.template_in_use(meeting=mx5, kind="procedural_report", lang="en")[0] is None


# --- roles ------------------------------------------------------------------------------


def test_draft_request_by_read_only_is_forbidden(read_only_client, mx5):
    response = read_only_client.post(
        DRAFTS, {"meeting": mx5.pk, "lang": "en", "format": "docx"}, format="json"
    )

    assert (response.status_code, ReportDraft.objects.count()) == (403, 0)


def test_draft_request_by_focal_point_is_forbidden(focal_point_client, mx5):
    response = focal_point_client.post(
        DRAFTS, {"meeting": mx5.pk, "lang": "en", "format": "docx"}, format="json"
    )

    assert (response.status_code, ReportDraft.objects.count()) == (403, 0)


def test_draft_request_by_secretariat_admin_is_accepted(admin_role_client, mx5):
    response = admin_role_client.post(
        DRAFTS, {"meeting": mx5.pk, "lang": "en", "format": "html"}, format="json"
    )

    assert (response.status_code, ReportDraft.objects.count()) == (202, 1)


def test_draft_job_read_by_read_only(read_only_client):
    draft = ReportDraftFactory()

    response = read_only_client.get(f"{DRAFTS}{draft.pk}/")

    assert (response.status_code, response.json()["id"]) == (200, draft.pk)


@pytest.mark.parametrize("path", [DRAFTS, TEMPLATES])
def test_anonymous_reads_nothing(api_client, path):
    response = api_client.get(path)

    # Token authentication comes first, so a caller without credentials is told to sign in.
    assert (response.status_code, response.json()["error"]["code"]) == (401, "not_authenticated")


@pytest.mark.parametrize(
    "path", [DRAFTS, "{draft}", "{draft}file/", TEMPLATES, "{template}", "{template}active/"]
)
def test_focal_point_reads_no_drafts_nor_templates(focal_point_client, path):
    # The secretariat's working material; a focal point reads its own State's delegation.
    draft, template = DoneDraftFactory(), ReportTemplateFactory()
    url = path.format(draft=f"{DRAFTS}{draft.pk}/", template=f"{TEMPLATES}{template.pk}/")

    response = (
        focal_point_client.post(url, {"active": False}, format="json")
        if url.endswith("active/")
        else focal_point_client.get(url)
    )

    assert (response.status_code, response.json()["error"]["code"]) == (403, "permission_denied")


def test_anonymous_cannot_download(api_client):
    draft = DoneDraftFactory()

    response = api_client.get(f"{DRAFTS}{draft.pk}/file/")

    assert (response.status_code, response.json()["error"]["code"]) == (401, "not_authenticated")


def test_template_upload_by_read_only_is_forbidden(read_only_client, mx5):
    response = read_only_client.post(
        TEMPLATES,
        {"meeting": mx5.pk, "kind": "procedural_report", "lang": "en", "source": "= R\n"},
        format="json",
    )

    assert (response.status_code, ReportTemplate.objects.count()) == (403, 0)
