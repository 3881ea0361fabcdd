"""The admin of drafts (request, job state, download, build again) and templates (validated)."""

import pytest
from django.urls import reverse

from apps.reports import services
from apps.reports.enums import DraftStatus
from apps.reports.models import ReportDraft, ReportTemplate
from apps.reports.templating import default_template_source

from .factories import DoneDraftFactory, ReportDraftFactory, ReportTemplateFactory

pytestmark = pytest.mark.django_db

ESCAPE = "= Report\n\n{{ meeting.__class__.__mro__[1].__subclasses__() }}\n"


def url(model, view, *args):
    return reverse(f"admin:reports_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", [ReportDraft, ReportTemplate], ids=lambda m: m._meta.model_name)
def test_admin_changelist_and_add_page_render(admin_client, model):
    ReportDraftFactory(problems=[{"code": "x", "message": "y", "where": "z"}])
    ReportTemplateFactory()

    pages = [admin_client.get(url(model, "changelist")), admin_client.get(url(model, "add"))]

    assert [page.status_code for page in pages] == [200, 200]


def test_admin_draft_add_form_requests_a_draft(
    admin_client, mx5, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url(ReportDraft, "add"),
            {"meeting": mx5.pk, "kind": "procedural_report", "lang": "zh", "fmt": "html"},
        )
    draft = ReportDraft.objects.get()

    assert (response.status_code, draft.status, draft.lang, draft.fmt) == (
        302,
        DraftStatus.DONE,
        "zh",
        "html",
    )
    assert draft.requested_by.is_superuser


def test_admin_draft_add_form_for_the_same_report_gives_the_same_draft(admin_client, mx5):
    data = {"meeting": mx5.pk, "kind": "procedural_report", "lang": "en", "fmt": "html"}

    admin_client.post(url(ReportDraft, "add"), data)
    admin_client.post(url(ReportDraft, "add"), data)

    assert ReportDraft.objects.count() == 1


def test_admin_draft_page_shows_state_problems_error_and_download(admin_client):
    draft = DoneDraftFactory(
        symbol="BWC/MSP/2030/MX.1/CRP.1",
        progress="Done.",
        problems=[
            {
                "code": "no_chair",
                "message": "The meeting has no Chair.",
                "where": "officers",
                "severity": "error",
            }
        ],
    )

    page = admin_client.get(url(ReportDraft, "change", draft.pk)).content.decode()

    assert (
        page.count(
            "<li><strong>error</strong> <code>no_chair</code> The meeting has no Chair. "
            "<em>(officers)</em></li>"
        )
        == 1
    )
    assert (
        page.count(
            f'<a href="/api/v1/report-drafts/{draft.pk}/file/">BWC-MSP-2030-MX.1-CRP.1-en.txt</a>'
        )
        == 1
    )
    assert page.count("Done.") >= 1


def test_admin_draft_page_offers_no_saving(admin_client):
    draft = ReportDraftFactory()

    response = admin_client.post(url(ReportDraft, "change", draft.pk), {"progress": "edited"})

    draft.refresh_from_db()
    assert (response.status_code, draft.progress) == (403, "")


def test_admin_build_again_queues_a_failed_draft(
    admin_client, mx5, django_capture_on_commit_callbacks
):
    draft = services.request_draft(
        meeting=mx5, kind="procedural_report", lang="en", fmt="html", actor=None
    )
    services.fail_draft(draft_id=draft.pk, error="boom")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url(ReportDraft, "changelist"),
            {"action": "build_again", "_selected_action": [draft.pk]},
            follow=True,
        )

    draft.refresh_from_db()
    assert (draft.status, draft.error) == (DraftStatus.DONE, "")
    assert [str(m) for m in response.context["messages"]] == [
        "1 draft asked again: 0 new, 1 queued again, 0 already built from the same data and "
        "template."
    ]


def test_admin_template_that_does_not_render_shows_the_line(admin_client, mx5):
    response = admin_client.post(
        url(ReportTemplate, "add"),
        {
            "meeting": mx5.pk,
            "kind": "procedural_report",
            "lang": "en",
            "source": "= Report\n\n¶ {{ meeting.no_such_thing }}\n",
            "active": "on",
        },
    )

    errors = response.context["adminform"].form.errors["source"]
    assert (response.status_code, ReportTemplate.objects.count()) == (200, 0)
    assert [error[:8] for error in errors] == ["Line 3: "]


def test_admin_template_reaching_python_internals_is_refused(admin_client, mx5):
    response = admin_client.post(
        url(ReportTemplate, "add"),
        {
            "meeting": mx5.pk,
            "kind": "procedural_report",
            "lang": "en",
            "source": ESCAPE,
            "active": "on",
        },
    )

    errors = response.context["adminform"].form.errors["source"]
    assert (ReportTemplate.objects.count(), ReportTemplate.history.count()) == (0, 0)
    assert errors[0].startswith("Line 3: “")


def test_admin_template_saved_again_gets_the_next_version(admin_client, mx5):
    source = default_template_source("procedural_report", "en")
    data = {"meeting": mx5.pk, "kind": "procedural_report", "lang": "en", "source": source}
    admin_client.post(url(ReportTemplate, "add"), {**data, "active": "on"})
    template = ReportTemplate.objects.get()

    response = admin_client.post(
        url(ReportTemplate, "change", template.pk),
        {"source": source + "\nAppendix.\n", "active": "on"},
    )

    template.refresh_from_db()
    assert (response.status_code, template.version, template.uploaded_by.is_superuser) == (
        302,
        2,
        True,
    )


def test_admin_draft_add_form_offers_the_usual_request(admin_client):
    form = admin_client.get(url(ReportDraft, "add")).context["adminform"].form

    assert (form["kind"].value(), form["fmt"].value(), form.fields["lang"].choices) == (
        "procedural_report",
        "docx",
        [("en", "English"), ("zh", "Chinese")],
    )


def test_admin_draft_request_goes_to_the_drafts_page(admin_client, mx5):
    response = admin_client.post(
        url(ReportDraft, "add"),
        {"meeting": mx5.pk, "kind": "procedural_report", "lang": "en", "fmt": "txt"},
        follow=True,
    )
    draft = ReportDraft.objects.get()

    assert response.redirect_chain == [(url(ReportDraft, "change", draft.pk), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"Draft {draft.pk} requested: its page follows the job until it is done."
    ]


@pytest.mark.parametrize(
    ("status", "reloads"), [(DraftStatus.QUEUED, True), (DraftStatus.DONE, False)]
)
def test_admin_draft_page_reloads_itself_while_the_job_runs(admin_client, status, reloads):
    draft = (DoneDraftFactory if status == DraftStatus.DONE else ReportDraftFactory)()

    page = admin_client.get(url(ReportDraft, "change", draft.pk)).content.decode()

    assert ('<meta http-equiv="refresh" content="2">' in page) is reloads
