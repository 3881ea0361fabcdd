import csv
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from apps.attendance import spreadsheets
from apps.attendance.enums import NominationStatus
from apps.attendance.models import Nomination
from apps.attendance.spreadsheets import (
    ImportRejectedError,
    SpreadsheetError,
    export_participants,
    import_participants,
)
from apps.core.errors import ConflictError
from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import Delegation, DelegationMember
from apps.entities.enums import EntityKind
from apps.meetings.enums import MeetingStatus
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.attendance import NominationFactory, ParticipantListFactory
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import OrganizationFactory, StateFactory, TreatyStatusFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

D = datetime.date
HEADER = "entity,category,role,honorific,family_name,given_name,title,email"


@pytest.fixture
def officer():
    return SecretariatOfficerFactory(username="desk")


@pytest.fixture
def meeting():
    return MeetingFactory(
        series="BWC/MSP/2030/MX.2", scheduled_start=D(2030, 8, 25), scheduled_end=D(2030, 8, 26)
    )


@pytest.fixture
def registry():
    """A State Party, a signatory, a State with no status (an observer), an organization and
    a group."""
    party = StateFactory(code="QAZ", iso3="QAZ", name_en="Azerbaijan")
    TreatyStatusFactory(entity=party, status="state_party", effective_from=D(1990, 1, 1))
    signatory = StateFactory(code="QEG", iso3="QEG", name_en="Egypt")
    TreatyStatusFactory(entity=signatory, status="signatory", effective_from=D(1990, 1, 1))
    observer = StateFactory(code="QTD", iso3="QTD", name_en="Chad")
    organization = OrganizationFactory(code="ICRC", name_en="ICRC")
    group = OrganizationFactory(code="NAM", kind=EntityKind.GROUP, name_en="NAM")
    return {
        "party": party,
        "signatory": signatory,
        "observer": observer,
        "io": organization,
        "group": group,
    }


def _csv(*lines, header=HEADER, encoding="utf-8"):
    return ("\n".join([header, *lines]) + "\n").encode(encoding)


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _members(meeting):
    return [
        (m.delegation.entity.code, m.delegation.category, m.position, m.role, m.family_name)
        for m in DelegationMember.objects.filter(delegation__meeting=meeting)
        .select_related("delegation__entity")
        .order_by("delegation__entity__code", "position")
    ]


# --- Import: the happy paths -----------------------------------------------------------------


def test_import_csv_creates_delegations_members_and_submitted_nominations(
    officer, meeting, registry
):
    content = _csv(
        "QAZ,,head,Mr.,Mammadov,Elchin,Ambassador,e.mammadov@example.org",
        "qaz,,adviser,,Aliyeva,Leyla,,",
        "QEG,,head,Ms.,Hassan,Mona,,",
        "QTD,,,,Mahamat,Idriss,,",
        "ICRC,,head,,Dupont,Claire,Legal adviser,",
    )

    report = import_participants(meeting=meeting, content=content, actor=officer, filename="a.csv")

    assert report.as_dict() == {
        "meeting": "BWC/MSP/2030/MX.2",
        "file_format": "csv",
        "dry_run": False,
        "accredit": False,
        "valid": True,
        "written": True,
        "rows": 5,
        "delegations_created": 4,
        "members_created": 5,
        "errors": [],
    }
    assert _members(meeting) == [
        ("ICRC", "international_organization", 1, "head", "Dupont"),
        ("QAZ", "state_party", 1, "head", "Mammadov"),
        ("QAZ", "state_party", 2, "adviser", "Aliyeva"),
        ("QEG", "signatory", 1, "head", "Hassan"),
        ("QTD", "observer_state", 1, "member", "Mahamat"),
    ]
    assert (
        sorted(Nomination.objects.values_list("status", "submitted_by__username", "late"))
        == [("submitted", "desk", False)] * 5
    )


def test_import_keeps_every_written_row_in_the_history(officer, meeting, registry):
    import_participants(
        meeting=meeting, content=_csv("QAZ,,head,Mr.,Mammadov,Elchin,,"), actor=officer
    )

    histories = [
        [(h.history_type, h.history_user) for h in model.history.all()]
        for model in (Delegation, DelegationMember, Nomination)
    ]
    assert histories == [[("+", officer)]] * 3


def test_import_with_accredit_accredits_the_members(officer, meeting, registry):
    import_participants(
        meeting=meeting, content=_csv("QAZ,,,,Mammadov,,,"), actor=officer, accredit=True
    )

    nomination = Nomination.objects.get()
    assert (nomination.status, nomination.decided_by) == (NominationStatus.ACCREDITED, officer)


def test_import_appends_to_an_existing_delegation(officer, meeting, registry):
    delegation = DelegationFactory(meeting=meeting, entity=registry["party"], position=4)
    DelegationMemberFactory(delegation=delegation, position=3, role=MemberRole.HEAD)

    report = import_participants(
        meeting=meeting, content=_csv("QAZ,,alternate,,Aliyev,,,"), actor=officer
    )

    assert (report.delegations_created, _members(meeting)[-1]) == (
        0,
        ("QAZ", "state_party", 4, "alternate", "Aliyev"),
    )


def test_import_places_new_delegations_after_their_categorys_last(officer, meeting, registry):
    DelegationFactory(meeting=meeting, position=7)

    import_participants(meeting=meeting, content=_csv("QAZ,,,,Aliyev,,,"), actor=officer)

    assert Delegation.objects.get(entity=registry["party"]).position == 8


def test_import_after_a_list_was_issued_marks_the_nominations_late(officer, meeting, registry):
    ParticipantListFactory(meeting=meeting)

    import_participants(meeting=meeting, content=_csv("QAZ,,,,Aliyev,,,"), actor=officer)

    assert Nomination.objects.get().late is True


def test_import_csv_with_bom_semicolons_and_columns_in_any_order(officer, meeting, registry):
    content = "\ufeffFamily_Name;Entity;Title\nMammadov;QAZ;Délégué\n\n".encode()

    report = import_participants(meeting=meeting, content=content, actor=officer)

    assert (report.rows, _members(meeting), DelegationMember.objects.get().title) == (
        1,
        [("QAZ", "state_party", 1, "member", "Mammadov")],
        "Délégué",
    )


def test_import_xlsx(officer, meeting, registry):
    content = _xlsx(
        [
            ["entity", "role", "family_name", "given_name", "email"],
            ["QAZ", "head", "Mammadov", "Elchin", "e@example.org"],
            [None, None, None, None, None],
            ["ICRC", None, "Dupont", None, None],
        ]
    )

    report = import_participants(meeting=meeting, content=content, actor=officer, filename="x.xlsx")

    assert (report.file_format, report.rows, _members(meeting)) == (
        "xlsx",
        2,
        [
            ("ICRC", "international_organization", 1, "member", "Dupont"),
            ("QAZ", "state_party", 1, "head", "Mammadov"),
        ],
    )


def test_import_dry_run_reports_without_writing(officer, meeting, registry):
    report = import_participants(
        meeting=meeting,
        content=_csv("QAZ,,head,,Mammadov,,,", "QAZ,,,,Aliyev,,,"),
        actor=officer,
        dry_run=True,
    )

    assert (report.valid, report.written, report.delegations_created, report.members_created) == (
        True,
        False,
        1,
        2,
    )
    assert DelegationMember.objects.count() == 0


def test_import_dry_run_reports_bad_rows_without_raising(officer, meeting, registry):
    report = import_participants(
        meeting=meeting, content=_csv("QZZ,,,,Nobody,,,"), actor=officer, dry_run=True
    )

    assert ([(e.row, e.column, e.code) for e in report.errors], report.members_created) == (
        [(2, "entity", "unknown_entity")],
        0,
    )


# --- Import: bad rows ------------------------------------------------------------------------


def test_import_lists_every_bad_row_and_writes_nothing(officer, meeting, registry):
    existing = DelegationFactory(
        meeting=meeting, entity=registry["signatory"], category=Rule44Category.SIGNATORY
    )
    DelegationMemberFactory(
        delegation=existing, role=MemberRole.HEAD, family_name="Hassan", given_name="Mona"
    )
    content = _csv(
        "QAZ,,head,,Mammadov,Elchin,,",  # row 2: good
        "QZZ,,,,Nobody,,,",  # 3: unknown entity
        "QAZ,,chief,,Aliyev,,,",  # 4: bad role
        "QAZ,,head,,Guliyev,,,",  # 5: second head in the file
        "QAZ,,,,,Leyla,,",  # 6: no family name
        "QAZ,,,,mammadov,ELCHIN,,",  # 7: same member as row 2
        "ICRC,state_party,,,Dupont,,,",  # 8: an organization is no State Party
        "QEG,,head,,Adel,,,",  # 9: the delegation has a head already
        "QEG,,,,Hassan,Mona,,",  # 10: a member already
        "QEG,observer_state,,,Farouk,,,",  # 11: the delegation attends as a signatory
        "QTD,,,,Mahamat,,,not-an-email",  # 12: bad e-mail
        "QTD,,,Dr.,Ali,,,",  # 13: bad honorific
        "NAM,,,,Someone,,,",  # 14: a group of States
        "QTD,,,,=HYPERLINK(1),,,",  # 15: a formula
        "QTD,tourist,,,Kaka,,,",  # 16: no such category
        "QTD,," + "x" * 10 + ",,,,,",  # 17: bad role (long) and no family name
        ",,,,Orphan,,,",  # 18: no entity
    )

    with pytest.raises(ImportRejectedError) as rejected:
        import_participants(meeting=meeting, content=content, actor=officer)

    assert [(e.row, e.column, e.code) for e in rejected.value.report.errors] == [
        (3, "entity", "unknown_entity"),
        (4, "role", "invalid_choice"),
        (5, "role", "second_head"),
        (6, "family_name", "required"),
        (7, "family_name", "duplicate_member"),
        (8, "category", "wrong_category"),
        (9, "role", "second_head"),
        (10, "family_name", "already_member"),
        (11, "category", "category_mismatch"),
        (12, "email", "invalid_email"),
        (13, "honorific", "invalid_choice"),
        (14, "entity", "group"),
        (15, "family_name", "formula"),
        (16, "category", "invalid_choice"),
        (17, "family_name", "required"),
        (17, "role", "invalid_choice"),
        (18, "entity", "required"),
    ]
    assert str(rejected.value) == (
        "16 of 17 rows are not valid (rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, "
        "18); nothing was imported."
    )
    assert (
        DelegationMember.objects.count(),
        Delegation.objects.count(),
        Nomination.objects.count(),
    ) == (1, 1, 0)


def test_import_row_error_messages_name_the_row_and_the_reason(officer, meeting, registry):
    with pytest.raises(ImportRejectedError) as rejected:
        import_participants(
            meeting=meeting,
            content=_csv("QAZ,,head,,A,,,", "QAZ,,head,,B,,,", "ICRC,ngo,,,C,,,"),
            actor=officer,
        )

    assert [str(error) for error in rejected.value.report.errors] == [
        "Row 3, role: Row 2 names the head of Azerbaijan already.",
        "Row 4, category: Non-governmental organization or research institute (rule 44.5) "
        "admits no International organization such as ICRC.",
    ]


def test_import_two_rows_putting_one_new_delegation_in_two_categories(officer, meeting, registry):
    with pytest.raises(ImportRejectedError) as rejected:
        import_participants(
            meeting=meeting,
            content=_csv("QTD,observer_state,,,A,,,", "QTD,signatory,,,B,,,"),
            actor=officer,
        )

    assert [(e.row, e.code, e.message) for e in rejected.value.report.errors] == [
        (3, "category_mismatch", "Row 2 puts Chad in Observer State (rule 44.2).")
    ]


def test_import_xlsx_formula_is_a_bad_row_not_a_value(officer, meeting, registry):
    content = _xlsx([["entity", "family_name", "title"], ["QAZ", "Mammadov", "=1+1"]])

    with pytest.raises(ImportRejectedError) as rejected:
        import_participants(meeting=meeting, content=content, actor=officer)

    assert [(e.row, e.column, e.code) for e in rejected.value.report.errors] == [
        (2, "title", "formula")
    ]


def test_import_into_a_cancelled_meeting_conflicts(officer, registry):
    meeting = MeetingFactory(status=MeetingStatus.CANCELLED)

    with pytest.raises(ConflictError):
        import_participants(meeting=meeting, content=_csv("QAZ,,,,A,,,"), actor=officer)


# --- Import: files that cannot be read -------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename", "code"),
    [
        (_csv("QAZ,,,,Pérez,,,", encoding="latin-1"), "a.csv", "encoding"),
        (_csv("QAZ,,,,Pérez,,,", encoding="utf-16"), "a.csv", "encoding"),
        (b"entity,family_name\nQAZ,A\x00\n", "a.csv", "encoding"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "a.xls", "unsupported_format"),
        (b"PK\x03\x04 not really a workbook", "a.xlsx", "unreadable"),
        (b"entity,family_name", "a.xlsx", "unreadable"),
        (b"", "a.csv", "empty"),
        (b",,\nQAZ,A\n", "a.csv", "no_headings"),
        (b"entity,,family_name\nQAZ,,A\n", "a.csv", "no_headings"),
        (b"entity,family name,nickname\nQAZ,A,Z\n", "a.csv", "unknown_columns"),
        (b"entity,family_name,Entity\nQAZ,A,B\n", "a.csv", "repeated_columns"),
        (b"entity,given_name\nQAZ,A\n", "a.csv", "missing_columns"),
    ],
)
def test_import_unreadable_file_is_refused_with_its_reason(
    officer, meeting, registry, content, filename, code
):
    with pytest.raises(SpreadsheetError) as error:
        import_participants(meeting=meeting, content=content, actor=officer, filename=filename)

    assert (error.value.code, error.value.field) == (code, "file")


def test_import_encoding_error_says_how_to_fix_it(officer, meeting, registry):
    with pytest.raises(SpreadsheetError) as error:
        import_participants(
            meeting=meeting, content=_csv("QAZ,,,,Pérez,,,", encoding="latin-1"), actor=officer
        )

    assert str(error.value) == (
        "The CSV file is not UTF-8 (byte 75 cannot be read). Save it as “CSV UTF-8”, or as "
        "an Excel workbook (.xlsx)."
    )


def test_import_larger_than_the_limit_is_refused(officer, meeting, registry, settings):
    settings.IMPORT_MAX_BYTES = 100

    with pytest.raises(SpreadsheetError) as error:
        import_participants(meeting=meeting, content=_csv("QAZ,,,,A,,," * 20), actor=officer)

    assert (error.value.code, str(error.value)) == (
        "too_large",
        "The file is larger than 100 bytes.",
    )


def test_import_more_rows_than_the_cap_is_refused(officer, meeting, registry, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 2)

    with pytest.raises(SpreadsheetError) as error:
        import_participants(
            meeting=meeting,
            content=_csv("QAZ,,,,A,,,", "QAZ,,,,B,,,", "QAZ,,,,C,,,"),
            actor=officer,
        )

    assert error.value.code == "too_many_rows"


@pytest.mark.parametrize("item_count", [5, 50])
def test_import_query_count_is_constant(officer, meeting, item_count, django_assert_num_queries):
    states = StateFactory.create_batch(item_count)
    content = _csv(*(f"{state.code},state_party,,,Delegate,,," for state in states))

    # savepoint, meeting lock, entities, their delegations, treaty statuses, the categories'
    # last places, delegations + history, members + history, list issued?, nominations +
    # history, release (no delegation exists: no query for existing members)
    with django_assert_num_queries(14):
        report = import_participants(meeting=meeting, content=content, actor=officer)

    assert report.members_created == item_count


# --- Export ----------------------------------------------------------------------------------


def _read_csv(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_export_csv_has_the_import_columns_in_the_reports_order(meeting):
    organization = DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(code="ICRC"),
        category=Rule44Category.INTERNATIONAL_ORGANIZATION,
        position=1,
    )
    state = DelegationFactory(meeting=meeting, entity=StateFactory(code="QAZ"), position=1)
    DelegationMemberFactory(
        delegation=organization, position=1, family_name="Dupont", given_name=""
    )
    DelegationMemberFactory(
        delegation=state,
        position=1,
        role=MemberRole.HEAD,
        honorific="mr",
        family_name="Mammadov",
        given_name="Elchin",
        title="=cmd",
        email="e@example.org",
    )

    content, content_type, filename = export_participants(meeting=meeting, file_format="csv")

    assert (content_type, filename) == (
        "text/csv; charset=utf-8",
        "BWC-MSP-2030-MX.2-participants.csv",
    )
    assert _read_csv(content) == [
        ["entity", "category", "role", "honorific", "family_name", "given_name", "title", "email"],
        ["QAZ", "state_party", "head", "Mr.", "Mammadov", "Elchin", "'=cmd", "e@example.org"],
        ["ICRC", "international_organization", "member", "", "Dupont", "", "", ""],
    ]


def test_export_xlsx_keeps_every_cell_text(meeting):
    DelegationMemberFactory(delegation__meeting=meeting, family_name="Smith", title="=1+1")

    content, _, filename = export_participants(meeting=meeting, file_format="xlsx")

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    row = next(iter(sheet.iter_rows(min_row=2, max_row=2)))
    assert (filename[-5:], row[4].value, row[6].value, row[6].data_type) == (
        ".xlsx",
        "Smith",
        "=1+1",
        "s",
    )


def test_export_filters_by_nomination_status(meeting):
    accredited = NominationFactory(
        member__delegation__meeting=meeting, status=NominationStatus.ACCREDITED
    )
    NominationFactory(member__delegation__meeting=meeting)

    content, _, _ = export_participants(
        meeting=meeting, file_format="csv", status=NominationStatus.ACCREDITED
    )

    assert [row[4] for row in _read_csv(content)[1:]] == [accredited.member.family_name]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_into_another_meeting_round_trips(officer, registry, file_format):
    source = MeetingFactory()
    import_participants(
        meeting=source,
        content=_csv(
            "QAZ,,head,Mr.,Mammadov,Elchin,Ambassador,e@example.org",
            "QAZ,,adviser,Ms.,Aliyeva,Leyla,Délégué,",
            "ICRC,,,,Dupont,Claire,,",
        ),
        actor=officer,
    )
    target = MeetingFactory()
    content, _, filename = export_participants(meeting=source, file_format=file_format)

    import_participants(meeting=target, content=content, actor=officer, filename=filename)

    def people(meeting):
        return [
            (
                m.delegation.entity.code,
                m.delegation.category,
                m.role,
                m.honorific,
                m.family_name,
                m.given_name,
                m.title,
                m.email,
            )
            for m in spreadsheets.members_for_export(meeting)
        ]

    assert people(target) == people(source)
    assert len(people(target)) == 3
