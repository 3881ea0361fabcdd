"""A meeting's life through the API alone, then read back: what was entered is what is stored.

The steps follow the secretariat's order: create the meeting, postpone and reschedule it, open
registration, focal points nominate their States' delegates and the secretariat accredits or
returns them, a registration desk's spreadsheet is imported, the meeting convenes, delegates
check in over two days, the lists of participants are issued (MISC.1, INF.1, then INF.1/Rev.1
after a late nomination), the agenda is adopted, interventions are recorded, the meeting
closes. Only the accounts that sign in (the ISU's officer and administrator) and the four
entities of the interventions exist before the first request.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tests.factories.accounts import SecretariatAdminFactory, SecretariatOfficerFactory
from tests.factories.entities import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db

SERIES = "BWC/MSP/2020/MX.5"
PASSWORD = "a long passphrase for a focal point"

# The registry's side of the participation: States with their treaty status and organizations
# of each rule-44 kind. Codes start with Q: no real ISO code does.
STATES = [
    # code, name, treaty status, since
    ("QRU", "Ruritania", "state_party", "1975-03-26"),
    ("QFR", "Freedonia", "state_party", "1980-06-01"),
    ("QEL", "Elbonia", "signatory", "1972-04-10"),
    ("QLV", "Latveria", "non_party", "1972-04-10"),
]
ORGANIZATIONS = [
    ("UNIDIR", "un_entity", "United Nations Institute for Disarmament Research"),
    ("OPCW", "international_organization", "Organisation for the Prohibition of Chemical Weapons"),
    ("VERTIC", "ngo", "Verification Research, Training and Information Centre"),
]

# The registration desk's spreadsheet (apps/attendance/spreadsheets.py): an observer State and
# two organizations whose delegations it creates, and one more adviser of Freedonia's.
IMPORT_CSV = (
    "entity,category,role,honorific,family_name,given_name,title,email\n"
    "QLV,,head,Mr.,Doom,Victor,Ambassador,v.doom@example.org\n"
    "OPCW,international_organization,head,Ms.,Arias,Fernanda,Director,\n"
    "VERTIC,ngo,member,,Persbo,Andreas,Executive Director,\n"
    "qfr,,adviser,Ms.,Marx,Groucha,Legal Adviser,\n"
)


def _ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def _post(client, url, data=None, status=200):
    return _ok(client.post(url, data or {}, format="json"), status)


def _signed_in(username, password=PASSWORD):
    """A client that signs in as an integration would: a token for a username and password."""
    token = _post(APIClient(), "/api/v1/auth/token/", {"username": username, "password": password})
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")
    return client


def _upload(client, meeting_id, content, **options):
    return client.post(
        "/api/v1/participant-imports/",
        {
            "meeting": meeting_id,
            "file": SimpleUploadedFile("participants.csv", content.encode(), "text/csv"),
            **options,
        },
        format="multipart",
    )


def _people(delegation):
    return [(m["role"], m["family_name"]) for m in delegation["members"]]


def test_meeting_workflow_through_the_api_reads_back_what_was_entered():
    officer = SecretariatOfficerFactory(username="isu.officer")
    administrator = SecretariatAdminFactory(username="isu.admin")
    client = APIClient()
    client.force_authenticate(officer)
    admin_client = APIClient()
    admin_client.force_authenticate(administrator)
    azerbaijan = StateFactory(code="QAZ", iso3="QAZ", name_en="Azerbaijan")
    china = StateFactory(code="QCN", iso3="QCN", name_en="China")
    nam = OrganizationFactory(code="NAM", kind="group", name_en="Group of NAM and Other States")
    isu = OrganizationFactory(code="ISU", kind="other", name_en="Implementation Support Unit")

    # Create the meeting, its agenda and its items.
    meeting = _post(
        client,
        "/api/v1/meetings/",
        {
            "series": SERIES,
            "kind": "mx",
            "year": 2020,
            "number": 5,
            "title_en": "Meeting of Experts on Institutional Strengthening of the Convention",
            "title_zh": "加强《公约》体制问题专家会议",
            "scheduled_start": "2020-08-25",
            "scheduled_end": "2020-08-26",
            "rules_of_procedure": "BWC/CONF.VIII/2",
        },
        201,
    )
    meeting_url = f"/api/v1/meetings/{meeting['id']}"
    agenda = _post(
        client, "/api/v1/agendas/", {"meeting": meeting["id"], "symbol": f"{SERIES}/1"}, 201
    )
    titles = ["Opening of the meeting", "Adoption of the agenda", "Institutional strengthening"]
    items = [
        _post(client, "/api/v1/agenda-items/", {"agenda": agenda["id"], "title_en": title}, 201)
        for title in titles
    ]

    # Postpone (COVID-19, silence procedure), reschedule.
    postponed = _post(
        client,
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
    )
    assert postponed["transition"]["from_status"] == "planned"
    assert postponed["transition"]["to_status"] == "postponed"
    assert postponed["transition"]["by"] == {"id": officer.pk, "username": "isu.officer"}
    rescheduled = _post(
        client,
        f"{meeting_url}/reschedule/",
        {
            "start": "2021-04-01",
            "end": "2021-04-02",
            "letters": [{"dated": "2021-02-10", "author_en": "the Chair"}],
        },
    )
    assert rescheduled["transition"]["to_status"] == "rescheduled"

    # The registry: States with their treaty status, organizations of each kind.
    entity_ids = {}
    for code, name, treaty_status, since in STATES:
        state = _post(
            client,
            "/api/v1/entities/",
            {"code": code, "iso3": code, "kind": "state", "name_en": name},
            201,
        )
        _post(
            client,
            f"/api/v1/states/{code}/treaty-status/",
            {"status": treaty_status, "effective_from": since},
            201,
        )
        entity_ids[code] = state["id"]
    for code, kind, name in ORGANIZATIONS:
        organization = _post(
            client,
            "/api/v1/entities/",
            {"code": code, "kind": kind, "name_en": name, "abbreviation_en": code},
            201,
        )
        entity_ids[code] = organization["id"]

    # Open registration; the delegations of the States and of the UN entity are registered, their
    # categories from the States' treaty status on the meeting's first day and the entity's kind.
    registration = _post(client, "/api/v1/registrations/", {"meeting": meeting["id"]}, 201)
    assert (registration["status"], registration["is_open"]) == ("not_opened", False)
    opened = _post(client, f"/api/v1/registrations/{registration['id']}/open/")
    assert (opened["transition"]["to_status"], opened["registration"]["is_open"]) == ("open", True)
    delegations = {
        code: _post(
            client,
            "/api/v1/delegations/",
            {"meeting": meeting["id"], "entity": entity_ids[code]},
            201,
        )
        for code in ("QRU", "QFR", "QEL", "UNIDIR")
    }
    assert {code: d["category"] for code, d in delegations.items()} == {
        "QRU": "state_party",
        "QFR": "state_party",
        "QEL": "signatory",
        "UNIDIR": "un_entity",
    }

    # Each State's focal point gets an account and signs in with a token.
    focal_points = {}
    for code in ("QRU", "QFR", "QEL"):
        account = _post(
            admin_client,
            "/api/v1/users/",
            {
                "username": f"focal.{code.lower()}",
                "password": PASSWORD,
                "role": "focal_point",
                "entity": entity_ids[code],
            },
            201,
        )
        assert (account["role"], account["entity_code"]) == ("focal_point", code)
        focal_points[code] = _signed_in(f"focal.{code.lower()}")

    # Focal points add their States' delegates and nominate them.
    nominees = [
        # State, role, honorific, family name, given name, title
        ("QRU", "head", "ms", "Rassendyll", "Flavia", "Ambassador, Permanent Representative"),
        ("QRU", "adviser", "mr", "Sapt", "Rudolf", "Counsellor"),
        ("QFR", "head", "mr", "Firefly", "Rufus", "Ambassador"),
        ("QEL", "head", "ms", "Dogbert", "Alice", "Minister Counsellor"),
    ]
    members, nominations = {}, {}
    for code, role, honorific, family_name, given_name, title in nominees:
        member = _post(
            focal_points[code],
            "/api/v1/delegation-members/",
            {
                "delegation": delegations[code]["id"],
                "role": role,
                "honorific": honorific,
                "family_name": family_name,
                "given_name": given_name,
                "title": title,
            },
            201,
        )
        members[family_name] = member
        nomination = _post(
            focal_points[code], "/api/v1/nominations/", {"member": member["id"]}, 201
        )
        assert (nomination["status"], nomination["entity_code"]) == ("submitted", code)
        nominations[family_name] = nomination
    # A focal point acts for its own State only: another State's member is not found.
    refused = focal_points["QRU"].post(
        "/api/v1/nominations/", {"member": members["Firefly"]["id"]}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["member"][0]["code"] == "does_not_exist"
    seen_by_freedonia = _ok(
        focal_points["QFR"].get(f"/api/v1/nominations/?meeting={meeting['id']}")
    )
    assert [n["member"]["family_name"] for n in seen_by_freedonia["results"]] == ["Firefly"]

    # The UN entity has no focal point: the secretariat adds and nominates its representative.
    members["Ramos"] = _post(
        client,
        "/api/v1/delegation-members/",
        {
            "delegation": delegations["UNIDIR"]["id"],
            "role": "head",
            "family_name": "Ramos",
            "given_name": "Lucía",
            "title": "Director",
        },
        201,
    )
    nominations["Ramos"] = _post(
        client, "/api/v1/nominations/", {"member": members["Ramos"]["id"]}, 201
    )

    # The secretariat accredits all but one, which it returns with a reason.
    for family_name in ("Rassendyll", "Sapt", "Dogbert", "Ramos"):
        accredited = _post(
            client, f"/api/v1/nominations/{nominations[family_name]['id']}/accredit/"
        )
        assert accredited["nomination"]["status"] == "accredited"
    firefly = nominations["Firefly"]["id"]
    returned = _post(
        client,
        f"/api/v1/nominations/{firefly}/return/",
        {"reason": "The credentials name no title."},
    )
    assert (returned["transition"]["from_status"], returned["transition"]["to_status"]) == (
        "submitted",
        "returned",
    )
    # Freedonia's focal point reads why, corrects the title and submits again.
    seen = _ok(focal_points["QFR"].get(f"/api/v1/nominations/{firefly}/"))
    assert (seen["status"], seen["reason"]) == ("returned", "The credentials name no title.")
    corrected = _ok(
        focal_points["QFR"].patch(
            f"/api/v1/delegation-members/{members['Firefly']['id']}/",
            {"title": "Ambassador, Permanent Representative"},
            format="json",
        )
    )
    assert corrected["title"] == "Ambassador, Permanent Representative"
    resubmitted = _post(focal_points["QFR"], f"/api/v1/nominations/{firefly}/submit/")
    assert resubmitted["nomination"]["status"] == "submitted"
    _post(client, f"/api/v1/nominations/{firefly}/accredit/")
    history = _ok(client.get(f"/api/v1/nominations/{firefly}/transitions/"))
    assert [(t["to_status"], t["by"]["username"]) for t in history] == [
        ("submitted", "focal.qfr"),
        ("returned", "isu.officer"),
        ("submitted", "focal.qfr"),
        ("accredited", "isu.officer"),
    ]

    # Import the registration desk's spreadsheet: a dry run first, then for real (accredited).
    dry_run = _ok(_upload(client, meeting["id"], IMPORT_CSV, dry_run=True))
    assert {key: dry_run[key] for key in ("valid", "written", "rows")} == {
        "valid": True,
        "written": False,
        "rows": 4,
    }
    assert (dry_run["delegations_created"], dry_run["members_created"]) == (3, 4)
    assert _ok(client.get(f"/api/v1/delegations/?meeting={meeting['id']}"))["count"] == 4
    imported = _ok(_upload(client, meeting["id"], IMPORT_CSV, accredit=True), 201)
    assert (imported["written"], imported["delegations_created"], imported["members_created"]) == (
        True,
        3,
        4,
    )

    # Convene; delegates check in over the two days. VERTIC's delegate never comes.
    convened = _post(client, f"{meeting_url}/convene/", {"on": "2021-04-01"})
    assert convened["transition"]["to_status"] == "in_session"
    member_ids = {
        m["family_name"]: m["id"]
        for m in _ok(client.get(f"/api/v1/delegation-members/?meeting={meeting['id']}"))["results"]
    }
    check_ins = [
        ("Rassendyll", "2021-04-01", "morning"),
        ("Sapt", "2021-04-01", "day"),
        ("Firefly", "2021-04-01", "day"),
        ("Dogbert", "2021-04-01", "day"),
        ("Ramos", "2021-04-01", "day"),
        ("Doom", "2021-04-01", "day"),
        ("Arias", "2021-04-01", "afternoon"),
        ("Rassendyll", "2021-04-02", "day"),
        ("Marx", "2021-04-02", "day"),
    ]
    for family_name, day, session in check_ins:
        _post(
            client,
            "/api/v1/attendance/",
            {"member": member_ids[family_name], "day": day, "session": session},
            201,
        )
    participation = _ok(client.get(f"/api/v1/attendance/participation/?meeting={meeting['id']}"))
    assert [
        (
            row["category"],
            [(d["entity_code"], d["attended_members"], d["check_ins"]) for d in row["delegations"]],
        )
        for row in participation
    ] == [
        ("state_party", [("QRU", 2, 3), ("QFR", 2, 2)]),
        ("signatory", [("QEL", 1, 1)]),
        ("observer_state", [("QLV", 1, 1)]),
        ("un_entity", [("UNIDIR", 1, 1)]),
        ("international_organization", [("OPCW", 1, 1)]),
        ("ngo", []),
        ("guest", []),
    ]

    # The lists of participants: provisional on the first day, final on the second.
    provisional = _post(
        client,
        "/api/v1/participant-lists/issue/",
        {"meeting": meeting["id"], "kind": "provisional", "issue_date": "2021-04-01"},
        201,
    )
    final = _post(
        client,
        "/api/v1/participant-lists/issue/",
        {"meeting": meeting["id"], "kind": "final", "issue_date": "2021-04-02"},
        201,
    )
    # A late change: Elbonia's alternate is nominated during the session and accredited.
    late_member = _post(
        focal_points["QEL"],
        "/api/v1/delegation-members/",
        {
            "delegation": delegations["QEL"]["id"],
            "role": "alternate",
            "honorific": "mr",
            "family_name": "Wally",
            "given_name": "Asok",
            "title": "First Secretary",
        },
        201,
    )
    late = _post(focal_points["QEL"], "/api/v1/nominations/", {"member": late_member["id"]}, 201)
    assert late["late"] is True
    _post(client, f"/api/v1/nominations/{late['id']}/accredit/")
    revision = _post(
        client,
        "/api/v1/participant-lists/issue/",
        {"meeting": meeting["id"], "kind": "revision", "issue_date": "2021-04-02"},
        201,
    )
    assert [provisional["symbol"], final["symbol"], revision["symbol"]] == [
        f"{SERIES}/MISC.1",
        f"{SERIES}/INF.1",
        f"{SERIES}/INF.1/Rev.1",
    ]
    # The symbols are the registry's: minted there, issued, the final list superseded.
    registered = [
        _ok(client.get(f"/api/v1/documents/by-symbol/{plist['symbol']}/"))
        for plist in (provisional, final, revision)
    ]
    assert [(d["id"], d["symbol"], d["status"], d["issue_date"]) for d in registered] == [
        (provisional["document"], f"{SERIES}/MISC.1", "issued", "2021-04-01"),
        (final["document"], f"{SERIES}/INF.1", "superseded", "2021-04-02"),
        (revision["document"], f"{SERIES}/INF.1/Rev.1", "issued", "2021-04-02"),
    ]
    versions = _ok(client.get(f"/api/v1/documents/{final['document']}/versions/"))
    assert [v["symbol"] for v in versions] == [f"{SERIES}/INF.1", f"{SERIES}/INF.1/Rev.1"]
    diff = _ok(
        client.get(f"/api/v1/participant-lists/{revision['id']}/diff/?against={final['id']}")
    )
    assert (diff["older"]["symbol"], diff["newer"]["symbol"]) == (
        f"{SERIES}/INF.1",
        f"{SERIES}/INF.1/Rev.1",
    )
    assert diff["members"] == {
        "added": [
            {
                "entity_code": "QEL",
                "family_name": "Wally",
                "given_name": "Asok",
                "role": "alternate",
                "title": "First Secretary",
            }
        ],
        "removed": [],
        "changed": [],
    }
    assert diff["delegations"] == {"added": [], "removed": [], "changed": []}

    # Adopt the agenda; record who spoke under item 3, one on behalf of a group; reorder.
    adopted = _post(client, f"/api/v1/agendas/{agenda['id']}/adopt/", {"on": "2021-04-01"})
    assert adopted["transition"]["from_status"] == "provisional"
    assert adopted["transition"]["to_status"] == "adopted"
    item = items[2]
    spoken = [
        {"kind": "briefing", "speaker": isu.pk},
        {"kind": "statement", "speaker": azerbaijan.pk, "on_behalf_of": nam.pk},
        {"kind": "discussion", "speaker": china.pk, "note_en": "introduced WP.5"},
    ]
    interventions = [
        _post(client, "/api/v1/interventions/", {"agenda_item": item["id"], **entry}, 201)
        for entry in spoken
    ]
    briefing, statement, discussion = (i["id"] for i in interventions)
    reordered = _post(
        client,
        f"/api/v1/agenda-items/{item['id']}/reorder-interventions/",
        {"ordered_ids": [briefing, discussion, statement]},
    )
    assert [(i["id"], i["position"]) for i in reordered] == [
        (briefing, 1),
        (discussion, 2),
        (statement, 3),
    ]
    closed = _post(
        client, f"{meeting_url}/close/", {"on": "2021-04-02", "report_adopted_on": "2021-04-02"}
    )
    assert closed["transition"]["to_status"] == "closed"

    # Read it all back.
    detail = _ok(client.get(f"{meeting_url}/"))
    assert {
        key: detail[key] for key in ("series", "status", "title_zh", "start_date", "end_date")
    } == {
        "series": SERIES,
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
    assert [(row["category"], row["delegations"]) for row in detail["participation"]] == [
        ("state_party", 2),
        ("signatory", 1),
        ("observer_state", 1),
        ("un_entity", 1),
        ("international_organization", 1),
        ("ngo", 1),
        ("guest", 0),
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

    # The participation as entered: delegations in the report's order, their members, whether
    # they took part; every nomination accredited, the one after the final list late.
    stored = _ok(client.get(f"/api/v1/delegations/?meeting={meeting['id']}"))["results"]
    assert [
        (d["entity"]["code"], d["category"], _people(d), d["participated"]) for d in stored
    ] == [
        ("QRU", "state_party", [("head", "Rassendyll"), ("adviser", "Sapt")], True),
        ("QFR", "state_party", [("head", "Firefly"), ("adviser", "Marx")], True),
        ("QEL", "signatory", [("head", "Dogbert"), ("alternate", "Wally")], True),
        ("QLV", "observer_state", [("head", "Doom")], True),
        ("UNIDIR", "un_entity", [("head", "Ramos")], True),
        ("OPCW", "international_organization", [("head", "Arias")], True),
        ("VERTIC", "ngo", [("member", "Persbo")], False),
    ]
    by_name = {m["family_name"]: m for d in stored for m in d["members"]}
    assert {key: by_name["Firefly"][key] for key in ("honorific", "given_name", "title")} == {
        "honorific": "mr",
        "given_name": "Rufus",
        "title": "Ambassador, Permanent Representative",
    }
    assert (by_name["Doom"]["email"], by_name["Marx"]["title"]) == (
        "v.doom@example.org",
        "Legal Adviser",
    )
    stored_nominations = _ok(client.get(f"/api/v1/nominations/?meeting={meeting['id']}"))
    assert [
        (n["entity_code"], n["member"]["family_name"], n["status"], n["late"])
        for n in stored_nominations["results"]
    ] == [
        ("QRU", "Rassendyll", "accredited", False),
        ("QRU", "Sapt", "accredited", False),
        ("QFR", "Firefly", "accredited", False),
        ("QFR", "Marx", "accredited", False),
        ("QEL", "Dogbert", "accredited", False),
        ("QEL", "Wally", "accredited", True),
        ("QLV", "Doom", "accredited", False),
        ("UNIDIR", "Ramos", "accredited", False),
        ("OPCW", "Arias", "accredited", False),
        ("VERTIC", "Persbo", "accredited", False),
    ]
    days = _ok(client.get(f"/api/v1/attendance/?meeting={meeting['id']}&page_size=100"))
    assert sorted(
        (r["member"]["family_name"], r["day"], r["session"]) for r in days["results"]
    ) == sorted(check_ins)

    # The lists as issued, with their frozen snapshots; the public reads the final ones only.
    lists = _ok(client.get(f"/api/v1/participant-lists/?meeting={meeting['id']}"))["results"]
    assert [
        (row["kind"], row["symbol"], row["delegation_count"], row["member_count"]) for row in lists
    ] == [
        ("provisional", f"{SERIES}/MISC.1", 7, 9),
        ("final", f"{SERIES}/INF.1", 7, 9),
        ("revision", f"{SERIES}/INF.1/Rev.1", 7, 10),
    ]
    before_the_late_nomination = [
        ("state_party", [("QRU", ["Rassendyll", "Sapt"]), ("QFR", ["Firefly", "Marx"])]),
        ("signatory", [("QEL", ["Dogbert"])]),
        ("observer_state", [("QLV", ["Doom"])]),
        ("un_entity", [("UNIDIR", ["Ramos"])]),
        ("international_organization", [("OPCW", ["Arias"])]),
        ("ngo", [("VERTIC", ["Persbo"])]),
    ]
    after_it = [
        (
            category,
            [(code, [*people, "Wally"] if code == "QEL" else people) for code, people in rows],
        )
        for category, rows in before_the_late_nomination
    ]
    snapshots = [
        _ok(client.get(f"/api/v1/participant-lists/{row['id']}/"))["snapshot"] for row in lists
    ]
    assert [
        (
            snapshot["symbol"],
            [
                (
                    block["category"],
                    [
                        (d["entity_code"], [m["family_name"] for m in d["members"]])
                        for d in block["delegations"]
                    ],
                )
                for block in snapshot["categories"]
            ],
        )
        for snapshot in snapshots
    ] == [
        (f"{SERIES}/MISC.1", before_the_late_nomination),
        (f"{SERIES}/INF.1", before_the_late_nomination),
        (f"{SERIES}/INF.1/Rev.1", after_it),
    ]
    assert snapshots[2]["counts"] == {
        "delegations": 7,
        "members": 10,
        "by_category": {
            "state_party": 2,
            "signatory": 1,
            "observer_state": 1,
            "un_entity": 1,
            "international_organization": 1,
            "ngo": 1,
            "guest": 0,
        },
    }
    public = _ok(APIClient().get(f"/api/v1/participant-lists/?meeting={meeting['id']}"))
    assert [row["symbol"] for row in public["results"]] == [
        f"{SERIES}/INF.1",
        f"{SERIES}/INF.1/Rev.1",
    ]
