"""The secretariat's path through the admin, in a real browser, from an empty meeting to the
draft report's file.

A secretariat officer signs in; creates a meeting, its agenda with items, and three
delegations (a State Party, a signatory State, an organization) with members; accredits the
members; mints a working paper's symbol; issues the provisional list of participants (MISC.1);
requests the Chinese draft report in Word, watches its page until the job is done, and
downloads the file. Each step asserts what the page shows and leaves a screenshot.
"""

import datetime
import json
import re
import time
from urllib.parse import urlsplit

import docx
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from apps.attendance.enums import ListKind, NominationStatus
from apps.attendance.models import Nomination, ParticipantList
from apps.documents.models import Document
from apps.entities.enums import TreatyStatusKind
from apps.meetings.models import Meeting
from apps.reports.enums import DraftStatus
from apps.reports.models import ReportDraft
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.entities import OrganizationFactory, StateFactory, TreatyStatusFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIES = "BWC/MSP/2031/MX.2"
TITLE_EN = "Meeting of Experts on Cooperation and Assistance"
TITLE_ZH = "合作与援助问题专家会议"
PASSWORD = "secret-pass-123"  # the factories' password
BUILD_SECONDS = 60
# From the request to the end of the page's load event, as the browser measured it.
LOAD_MS = "performance.getEntriesByType('navigation')[0].loadEventEnd"
SLOW_PAGE_MS = 5_000  # far above what any page of the path takes; CI machines vary


class Steps:
    """Numbered screenshots of one test's pages, full length, and how long each page took to
    load (the browser's navigation timing), kept beside them in `timings.json`."""

    def __init__(self, page: Page, folder):
        self.page, self.folder, self.taken, self.timings = page, folder, [], {}

    def shot(self, name: str) -> None:
        path = self.folder / f"{len(self.taken) + 1:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        self.taken.append(path.name)
        self.timings[path.stem] = {
            "page": urlsplit(self.page.url)._replace(scheme="", netloc="").geturl(),
            "load_ms": round(self.page.evaluate(LOAD_MS)),
        }

    def save_timings(self, **notes) -> dict:
        record = {"steps": self.timings, **notes}
        (self.folder / "timings.json").write_text(json.dumps(record, indent=2) + "\n")
        return self.timings


def choose(page: Page, select_id: str, search: str) -> None:
    """Type `search` in the admin's autocomplete for `select_id` and pick the first match."""
    page.click(f"#{select_id} + .select2-container .select2-selection")
    page.fill(".select2-container--open .select2-search__field", search)
    page.locator(".select2-results__option", has_text=search).first.click()
    expect(page.locator(f"#select2-{select_id}-container")).to_contain_text(search)


def watch_status(page: Page, *, until: str) -> list[str]:
    """The statuses a draft's page shows, in turn, until it shows `until`."""
    status = page.locator(".field-status .readonly")
    seen: list[str] = []
    deadline = time.monotonic() + BUILD_SECONDS
    while time.monotonic() < deadline:
        try:
            shown = status.inner_text(timeout=1_000)
        except PlaywrightError:  # the page was reloading
            continue
        if not seen or seen[-1] != shown:
            seen.append(shown)
        if shown == until:
            return seen
        page.wait_for_timeout(100)
    raise AssertionError(f"the draft's page still shows {seen[-1:]} after {BUILD_SECONDS} s")


def open_meeting(page: Page) -> None:
    page.goto("/admin/meetings/meeting/")
    page.get_by_role("link", name=SERIES, exact=True).click()
    expect(page.locator("h2").first).to_contain_text(SERIES)


@pytest.fixture
def registry():
    """The States and the organization the delegations stand for: the registry's, not the
    meeting's, so they are there before the officer starts."""
    china = StateFactory(iso3="CHN", code="CHN", name_en="China", name_zh="中国")
    egypt = StateFactory(iso3="EGY", code="EGY", name_en="Egypt", name_zh="埃及")
    TreatyStatusFactory(
        entity=china,
        status=TreatyStatusKind.STATE_PARTY,
        effective_from=datetime.date(1984, 11, 15),
    )
    TreatyStatusFactory(
        entity=egypt, status=TreatyStatusKind.SIGNATORY, effective_from=datetime.date(1972, 4, 10)
    )
    who = OrganizationFactory(
        code="WHO",
        name_en="World Health Organization",
        name_zh="世界卫生组织",
        abbreviation_en="WHO",
    )
    return {"china": china, "egypt": egypt, "who": who}


@pytest.fixture
def officer():
    return SecretariatOfficerFactory(username="officer", first_name="Ada", last_name="Lovelace")


def test_staff_path_from_a_new_meeting_to_the_draft_report(
    page, artefacts, report_worker, registry, officer
):
    steps = Steps(page, artefacts)

    # Sign in, once, with the right password.
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    steps.shot("sign-in")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    meetings = page.locator("#meetings-meeting").get_by_role("link", name="Meetings")
    expect(meetings).to_be_visible()
    steps.shot("admin-index")

    # The meeting.
    meetings.click()
    page.get_by_role("link", name="Add meeting").click()
    page.fill("#id_series", SERIES)
    page.select_option("#id_kind", "mx")
    page.fill("#id_year", "2031")
    page.fill("#id_number", "2")
    page.fill("#id_title_en", TITLE_EN)
    page.fill("#id_title_zh", TITLE_ZH)
    page.fill("#id_scheduled_start", "2031-08-18")
    page.fill("#id_scheduled_end", "2031-08-19")
    page.fill("#id_rules_of_procedure", "BWC/CONF.IX/2")
    steps.shot("meeting-form")
    page.click("input[name=_continue]")
    expect(page.locator("ul.messagelist")).to_contain_text("was added successfully")
    expect(page.locator(".field-agenda_link")).to_contain_text("Add the agenda")
    steps.shot("meeting-added")
    meeting = Meeting.objects.get(series=SERIES)
    assert (meeting.title_zh, str(meeting.scheduled_start)) == (TITLE_ZH, "2031-08-18")

    # Its agenda, with three items.
    page.get_by_role("link", name="Add the agenda").click()
    expect(page.locator("#select2-id_meeting-container")).to_contain_text(SERIES)
    items = [
        ("Opening of the meeting", "会议开幕"),
        ("Adoption of the agenda", "通过议程"),
        ("Cooperation and assistance under Article X", "第十条下的合作与援助"),
    ]
    for index, (title_en, title_zh) in enumerate(items):
        if index:
            page.locator("#items-group .add-row a").click()
        page.fill(f"#id_items-{index}-number", str(index + 1))
        page.fill(f"#id_items-{index}-title_en", title_en)
        page.fill(f"#id_items-{index}-title_zh", title_zh)
    steps.shot("agenda-form")
    page.click("input[name=_save]")
    expect(page.locator("ul.messagelist")).to_contain_text(f"Agenda of {SERIES}")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list td.field-item_count")).to_have_text("3")
    steps.shot("agenda-listed")

    # Three delegations, one per category, each with its members.
    delegations = [
        ("China", "state_party", [("head", "Li", "Song"), ("adviser", "Wang", "Fang")]),
        ("Egypt", "signatory", [("head", "Hassan", "Omar")]),
        ("World Health", "international_organization", [("head", "Okafor", "Ada")]),
    ]
    open_meeting(page)
    page.get_by_role("link", name="Add a delegation").click()
    for number, (entity, category, members) in enumerate(delegations, start=1):
        # "Save and add another" keeps the meeting chosen.
        expect(page.locator("#select2-id_meeting-container")).to_contain_text(SERIES)
        choose(page, "id_entity", entity)
        page.select_option("#id_category", category)
        for index, (role, family_name, given_name) in enumerate(members):
            if index:
                page.locator("#members-group .add-row a").click()
            page.fill(f"#id_members-{index}-position", str(index + 1))
            page.select_option(f"#id_members-{index}-role", role)
            page.fill(f"#id_members-{index}-family_name", family_name)
            page.fill(f"#id_members-{index}-given_name", given_name)
        if category == "state_party":
            steps.shot("delegation-form")
        page.click(f"input[name={'_save' if number == len(delegations) else '_addanother'}]")
        expect(page.locator("ul.messagelist")).to_contain_text("was added successfully")

    # The meeting's page counts them by category and lists them, each linked to its page.
    open_meeting(page)
    expect(page.locator(".field-participation td:nth-child(2)")).to_have_text(
        ["1", "1", "0", "0", "1", "0", "0"]
    )
    expect(page.locator("#delegations-group tr.has_original td.field-entity")).to_have_text(
        ["China", "Egypt", "World Health Organization (WHO)"]
    )
    steps.shot("meeting-with-delegations")

    # Members entered by the secretariat are accredited from the meeting's delegations.
    page.get_by_role("link", name="Delegations of this meeting").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("#result_list td.field-entity_name_zh")).to_have_text(
        ["中国", "埃及", "世界卫生组织"]
    )
    expect(page.locator("#result_list td.field-accredited_count")).to_have_text(["0", "0", "0"])
    page.click("#action-toggle")
    page.select_option("select[name=action]", "accredit_members")
    page.click("button[name=index]")
    expect(page.locator("ul.messagelist")).to_contain_text("4 members accredited")
    expect(page.locator("#result_list td.field-accredited_count")).to_have_text(["2", "1", "1"])
    steps.shot("delegations-accredited")
    assert Nomination.objects.filter(status=NominationStatus.ACCREDITED).count() == 4

    # A working paper's symbol, minted: the symbol is left empty.
    open_meeting(page)
    page.get_by_role("link", name="Mint the next symbol").click()
    expect(page.locator("#id_mint_in")).to_have_value(str(meeting.pk))
    page.select_option("#id_mint_type", "WP")
    page.fill("#id_title_en", "Strengthening cooperation under Article X")
    page.fill("#id_title_zh", "加强第十条下的合作")
    choose(page, "id_submitter_links-0-entity", "China")
    steps.shot("document-form")
    page.click("input[name=_save]")
    expect(page.locator("ul.messagelist")).to_contain_text(f"{SERIES}/WP.1")
    expect(page.locator("#result_list tbody th.field-symbol")).to_contain_text([f"{SERIES}/WP.1"])
    steps.shot("document-minted")
    assert Document.objects.get(symbol=f"{SERIES}/WP.1").title_zh == "加强第十条下的合作"

    # The provisional list of participants, issued from the meetings' list.
    page.goto("/admin/meetings/meeting/")
    page.locator("#result_list tbody tr", has_text=SERIES).locator("input.action-select").check()
    page.select_option("select[name=action]", "issue_provisional_lists")
    page.click("button[name=index]")
    expect(page.locator("ul.messagelist")).to_contain_text(
        f"{SERIES}: Provisional list of participants issued as {SERIES}/MISC.1 "
        "(delegations: 3, participants: 4)."
    )
    steps.shot("list-issued")
    open_meeting(page)
    page.get_by_role("link", name="Lists of participants issued").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list tbody th.field-symbol")).to_have_text(f"{SERIES}/MISC.1")
    expect(page.locator("#result_list td.field-member_count")).to_have_text("4")
    steps.shot("lists-of-participants")
    assert ParticipantList.objects.get().kind == ListKind.PROVISIONAL

    # The draft report in Chinese, in Word, requested from the meeting's page.
    open_meeting(page)
    page.get_by_role("link", name="Request a draft report").click()
    expect(page.locator("#select2-id_meeting-container")).to_contain_text(SERIES)
    expect(page.locator("#id_kind")).to_have_value("procedural_report")
    expect(page.locator("#id_fmt")).to_have_value("docx")
    page.select_option("#id_lang", label="Chinese")
    steps.shot("draft-request")
    page.click("input[name=_save]")
    draft = ReportDraft.objects.get()
    expect(page).to_have_url(re.compile(rf"/admin/reports/reportdraft/{draft.pk}/change/"))
    expect(page.locator("ul.messagelist")).to_have_text(
        f"Draft {draft.pk} requested: its page follows the job until it is done."
    )
    steps.shot("draft-requested")

    # Its page reloads itself while the job runs; the officer watches it until it is done.
    seen = watch_status(page, until="Done")
    expect(page.locator("#draft-reload")).to_have_count(0)
    expect(page.locator(".field-download a")).to_have_text(
        f"{SERIES.replace('/', '-')}-CRP.1-zh.docx"
    )
    steps.shot("draft-done")
    draft.refresh_from_db()
    assert (draft.status, draft.symbol, draft.lang, draft.fmt) == (
        DraftStatus.DONE,
        f"{SERIES}/CRP.1",
        "zh",
        "docx",
    )
    assert seen[-1] == "Done"
    assert set(seen) <= {"Queued", "Building", "Rendering", "Done"}

    # The file, downloaded by the signed-in officer.
    with page.expect_download() as download_info:
        page.locator(".field-download a").click()
    download = download_info.value
    saved = artefacts / download.suggested_filename
    download.save_as(saved)
    document = docx.Document(str(saved))
    text = "\n".join(
        [paragraph.text for paragraph in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert saved.suffix == ".docx"
    assert document.tables[0].rows[0].cells[1].text == f"{SERIES}/CRP.1"
    assert TITLE_ZH in text
    assert steps.taken == sorted(path.name for path in artefacts.glob("*.png"))
    slow = {
        step: t
        for step, t in steps.save_timings(draft_statuses_seen=seen).items()
        if t["load_ms"] > SLOW_PAGE_MS
    }
    assert slow == {}
