"""A meeting's life through the API alone, then read back: what was entered is what is stored."""

import pytest
from rest_framework.test import APIClient

from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.entities import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


def _ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def test_meeting_workflow_through_the_api_reads_back_what_was_entered():
    officer = SecretariatOfficerFactory(username="isu.officer")
    client = APIClient()
    client.force_authenticate(officer)
    azerbaijan = StateFactory(code="QAZ", iso3="QAZ", name_en="Azerbaijan")
    china = StateFactory(code="QCN", iso3="QCN", name_en="China")
    nam = OrganizationFactory(code="NAM", kind="group", name_en="Group of NAM and Other States")
    isu = OrganizationFactory(code="ISU", kind="other", name_en="Implementation Support Unit")

    # Create the meeting, its agenda and its items.
    meeting = _ok(
        client.post(
            "/api/v1/meetings/",
            {
                "series": "BWC/MSP/2020/MX.5",
                "kind": "mx",
                "year": 2020,
                "number": 5,
                "title_en": "Meeting of Experts on Institutional Strengthening of the Convention",
                "title_zh": "加强《公约》体制问题专家会议",
                "scheduled_start": "2020-08-25",
                "scheduled_end": "2020-08-26",
                "rules_of_procedure": "BWC/CONF.VIII/2",
            },
            format="json",
        ),
        201,
    )
    meeting_url = f"/api/v1/meetings/{meeting['id']}"
    agenda = _ok(
        client.post(
            "/api/v1/agendas/",
            {"meeting": meeting["id"], "symbol": "BWC/MSP/2020/MX.5/1"},
            format="json",
        ),
        201,
    )
    titles = ["Opening of the meeting", "Adoption of the agenda", "Institutional strengthening"]
    items = [
        _ok(
            client.post(
                "/api/v1/agenda-items/", {"agenda": agenda["id"], "title_en": title}, format="json"
            ),
            201,
        )
        for title in titles
    ]

    # Postpone (COVID-19, silence procedure), reschedule, convene.
    postponed = _ok(
        client.post(
            f"{meeting_url}/postpone/",
            {
                "authority": "silence_procedure",
                "decided_on": "2020-07-31",
                "reason_en": "the COVID-19 pandemic",
                "letters": [
                    {"dated": "2020-07-16", "author_en": "the Chair", "reference": "L/1"},
                    {"dated": "2020-07-31", "author_en": "the Chair"},
                ],
            },
            format="json",
        )
    )
    assert postponed["transition"]["from_status"] == "planned"
    assert postponed["transition"]["to_status"] == "postponed"
    assert postponed["transition"]["by"] == {"id": officer.pk, "username": "isu.officer"}
    rescheduled = _ok(
        client.post(
            f"{meeting_url}/reschedule/",
            {
                "start": "2021-04-01",
                "end": "2021-04-02",
                "letters": [{"dated": "2021-02-10", "author_en": "the Chair"}],
            },
            format="json",
        )
    )
    assert rescheduled["transition"]["to_status"] == "rescheduled"
    convened = _ok(client.post(f"{meeting_url}/convene/", {"on": "2021-04-01"}, format="json"))
    assert convened["transition"]["to_status"] == "in_session"

    # Adopt the agenda; record who spoke under item 3, one on behalf of a group; reorder.
    adopted = _ok(
        client.post(f"/api/v1/agendas/{agenda['id']}/adopt/", {"on": "2021-04-01"}, format="json")
    )
    assert adopted["transition"]["from_status"] == "provisional"
    assert adopted["transition"]["to_status"] == "adopted"
    item = items[2]
    spoken = [
        {"kind": "briefing", "speaker": isu.pk},
        {"kind": "statement", "speaker": azerbaijan.pk, "on_behalf_of": nam.pk},
        {"kind": "discussion", "speaker": china.pk, "note_en": "introduced WP.5"},
    ]
    interventions = [
        _ok(
            client.post(
                "/api/v1/interventions/", {"agenda_item": item["id"], **entry}, format="json"
            ),
            201,
        )
        for entry in spoken
    ]
    briefing, statement, discussion = (i["id"] for i in interventions)
    reordered = _ok(
        client.post(
            f"/api/v1/agenda-items/{item['id']}/reorder-interventions/",
            {"ordered_ids": [briefing, discussion, statement]},
            format="json",
        )
    )
    assert [(i["id"], i["position"]) for i in reordered] == [
        (briefing, 1),
        (discussion, 2),
        (statement, 3),
    ]
    closed = _ok(
        client.post(
            f"{meeting_url}/close/",
            {"on": "2021-04-02", "report_adopted_on": "2021-04-02"},
            format="json",
        )
    )
    assert closed["transition"]["to_status"] == "closed"

    # Read it all back.
    detail = _ok(client.get(f"{meeting_url}/"))
    assert {
        key: detail[key] for key in ("series", "status", "title_zh", "start_date", "end_date")
    } == {
        "series": "BWC/MSP/2020/MX.5",
        "status": "closed",
        "title_zh": "加强《公约》体制问题专家会议",
        "start_date": "2021-04-01",
        "end_date": "2021-04-02",
    }
    assert (detail["scheduled_start"], detail["report_adopted_on"]) == ("2020-08-25", "2021-04-02")
    assert detail["postponements"] == [
        {
            "position": 1,
            "from_start": "2020-08-25",
            "from_end": "2020-08-26",
            "to_start": "2021-04-01",
            "to_end": "2021-04-02",
            "authority": "silence_procedure",
            "decided_on": "2020-07-31",
            "reason_en": "the COVID-19 pandemic",
            "reason_zh": "",
            "letters": [
                {
                    "dated": "2020-07-16",
                    "author_en": "the Chair",
                    "author_zh": "",
                    "reference": "L/1",
                },
                {"dated": "2020-07-31", "author_en": "the Chair", "author_zh": "", "reference": ""},
                {"dated": "2021-02-10", "author_en": "the Chair", "author_zh": "", "reference": ""},
            ],
        }
    ]
    assert detail["agenda"]["status"] == "adopted"
    assert detail["agenda"]["adopted_on"] == "2021-04-01"
    assert [(i["number"], i["title_en"]) for i in detail["agenda"]["items"]] == [
        (1, "Opening of the meeting"),
        (2, "Adoption of the agenda"),
        (3, "Institutional strengthening"),
    ]
    spoke = _ok(client.get(f"/api/v1/interventions/?agenda_item={item['id']}"))["results"]
    assert [
        (
            i["position"],
            i["kind"],
            i["speaker"]["code"],
            (i["on_behalf_of"] or {}).get("code"),
            i["note_en"],
        )
        for i in spoke
    ] == [
        (1, "briefing", "ISU", None, ""),
        (2, "discussion", "QCN", None, "introduced WP.5"),
        (3, "statement", "QAZ", "NAM", ""),
    ]
    history = _ok(client.get(f"{meeting_url}/transitions/"))
    assert [(t["from_status"], t["to_status"], t["by"]["username"]) for t in history] == [
        (None, "planned", "isu.officer"),
        ("planned", "postponed", "isu.officer"),
        ("postponed", "rescheduled", "isu.officer"),
        ("rescheduled", "in_session", "isu.officer"),
        ("in_session", "closed", "isu.officer"),
    ]
