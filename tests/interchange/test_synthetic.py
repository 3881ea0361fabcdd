"""The synthetic meeting: sizes as asked, every category, deterministic per seed."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.agendas.models import Intervention
from apps.attendance.enums import ListKind, NominationStatus
from apps.attendance.models import AttendanceRecord, Nomination, ParticipantList, Registration
from apps.delegations.enums import Rule44Category
from apps.delegations.models import Delegation, DelegationMember
from apps.documents.models import Document
from apps.interchange.synthetic import SyntheticSizes, sitting_days, synthesize_meeting
from apps.meetings.models import Meeting

SERIES = "BWC/CONF.XXX"
SMALL = SyntheticSizes(
    states=8,
    members_min=2,
    members_max=5,
    items=3,
    interventions=6,
    documents=15,
    signatories=1,
    observers=1,
    un_entities=1,
    organizations=2,
    ngos=3,
    guests=1,
    days=4,
    participants=25,
)


def _fingerprint(series: str) -> dict:
    """Everything the synthesis decides, without row ids or creation times."""
    meeting = Meeting.objects.get(series=series)
    members = DelegationMember.objects.filter(delegation__meeting=meeting)
    return {
        "meeting": (meeting.start_date, meeting.end_date, meeting.title_en),
        "delegations": list(
            Delegation.objects.filter(meeting=meeting)
            .order_by("category", "position")
            .values_list("category", "position", "entity__code", "entity__name_en")
        ),
        "members": list(
            members.order_by("delegation__entity__code", "position").values_list(
                "delegation__entity__code", "position", "role", "given_name", "family_name"
            )
        ),
        "interventions": list(
            Intervention.objects.filter(agenda_item__agenda__meeting=meeting)
            .order_by("agenda_item__number", "position")
            .values_list("agenda_item__number", "position", "kind", "speaker__code")
        ),
        "documents": list(
            Document.objects.filter(meeting=meeting)
            .order_by("symbol")
            .values_list("symbol", "status", "issue_date", "parent__symbol")
        ),
        "nominations": list(
            Nomination.objects.filter(member__delegation__meeting=meeting)
            .order_by("member__delegation__entity__code", "member__position")
            .values_list("member__delegation__entity__code", "member__position", "status")
        ),
        "attendance": list(
            AttendanceRecord.objects.filter(member__delegation__meeting=meeting)
            .order_by("day", "member__delegation__entity__code", "member__position", "session")
            .values_list(
                "day",
                "member__delegation__entity__code",
                "member__position",
                "session",
                "checked_in_at",
            )
        ),
        "lists": list(
            ParticipantList.objects.filter(meeting=meeting)
            .order_by("kind")
            .values_list("kind", "document__symbol", "member_count", "snapshot")
        ),
    }


def test_synthesize_meeting_same_seed_gives_the_same_meeting_row_for_row(db):
    synthesize_meeting(series=SERIES, sizes=SMALL, seed=3)
    first = _fingerprint(SERIES)

    synthesize_meeting(series=SERIES, sizes=SMALL, seed=3, replace=True)

    assert _fingerprint(SERIES) == first


def test_synthesize_meeting_another_seed_gives_another_meeting(db):
    synthesize_meeting(series=SERIES, sizes=SMALL, seed=3)
    synthesize_meeting(series="BWC/CONF.XXXI", sizes=SMALL, seed=4)

    first, second = _fingerprint(SERIES), _fingerprint("BWC/CONF.XXXI")

    assert first["members"] != second["members"]
    assert first["attendance"] != second["attendance"]


def test_synthesize_meeting_has_the_sizes_asked_for(db):
    summary = synthesize_meeting(series=SERIES, sizes=SMALL, seed=1)
    meeting = summary.meeting
    delegations = Delegation.objects.filter(meeting=meeting)
    by_category = {
        category: delegations.filter(category=category).count()
        for category in Rule44Category.values
    }
    members = DelegationMember.objects.filter(delegation__meeting=meeting)
    counts = [
        members.filter(delegation=delegation).count()
        for delegation in delegations.exclude(category=Rule44Category.GUEST)
    ]

    assert by_category == {
        Rule44Category.STATE_PARTY: 8,
        Rule44Category.SIGNATORY: 1,
        Rule44Category.OBSERVER_STATE: 1,
        Rule44Category.UN_ENTITY: 1,
        Rule44Category.INTERNATIONAL_ORGANIZATION: 2,
        Rule44Category.NGO: 3,
        Rule44Category.GUEST: 1,
    }
    assert (min(counts) >= 2, max(counts) <= 5) == (True, True)
    assert Intervention.objects.filter(agenda_item__agenda__meeting=meeting).count() == 3 * 6
    assert Document.objects.filter(meeting=meeting).count() == 15
    assert Document.objects.filter(meeting=meeting).exclude(modifier="").count() >= 1
    assert (summary.members, summary.participants) == (members.count(), 25)
    assert (
        Nomination.objects.filter(
            member__delegation__meeting=meeting, status=NominationStatus.ACCREDITED
        ).count()
        == 25
    )
    assert Nomination.objects.filter(member__delegation__meeting=meeting).count() == members.count()


def test_synthesize_meeting_attendance_is_on_sitting_days_by_accredited_members(db):
    summary = synthesize_meeting(series=SERIES, sizes=SMALL, seed=1)
    records = AttendanceRecord.objects.filter(member__delegation__meeting=summary.meeting)
    days = sorted(set(records.values_list("day", flat=True)))

    assert days == [date(2032, 11, 15), date(2032, 11, 16), date(2032, 11, 17), date(2032, 11, 18)]
    assert records.count() == summary.attendance
    assert summary.attendance > 25  # most of the 25 come on most of the 4 days
    assert not records.exclude(member__nomination__status=NominationStatus.ACCREDITED).exists()
    assert (summary.meeting.start_date, summary.meeting.end_date) == (days[0], days[-1])


def test_synthesize_meeting_issues_the_lists_of_participants(db):
    summary = synthesize_meeting(series=SERIES, sizes=SMALL, seed=1)
    lists = {plist.kind: plist for plist in ParticipantList.objects.filter(meeting=summary.meeting)}

    assert set(lists) == {ListKind.PROVISIONAL, ListKind.FINAL}
    assert lists[ListKind.FINAL].document.symbol == f"{SERIES}/INF.1"
    assert lists[ListKind.FINAL].member_count == 25
    assert Registration.objects.get(meeting=summary.meeting).status == "closed"


def test_sitting_days_skip_the_weekend():
    days = sitting_days(date(2032, 11, 15), 15)

    assert (len(days), days[-1]) == (15, date(2032, 12, 3))
    assert all(day.weekday() < 5 for day in days)


def test_synthesize_meeting_command_passes_every_size(db):
    out = io.StringIO()

    call_command(
        "synthesize_meeting",
        "--series", SERIES, "--states", "5", "--members-min", "1", "--members-max", "2",
        "--items", "2", "--interventions", "3", "--documents", "6", "--signatories", "0",
        "--observers", "0", "--un-entities", "0", "--organizations", "1", "--ngos", "0",
        "--guests", "0", "--days", "2", "--participants", "4", "--seed", "9",
        stdout=out,
    )  # fmt: skip
    meeting = Meeting.objects.get(series=SERIES)
    categories = sorted(
        Delegation.objects.filter(meeting=meeting).values_list("category", flat=True)
    )

    assert (
        categories == [Rule44Category.INTERNATIONAL_ORGANIZATION] + [Rule44Category.STATE_PARTY] * 5
    )
    assert (
        Nomination.objects.filter(
            member__delegation__meeting=meeting, status=NominationStatus.ACCREDITED
        ).count()
        == 4
    )
    assert set(
        AttendanceRecord.objects.filter(member__delegation__meeting=meeting).values_list(
            "day", flat=True
        )
    ) <= {date(2032, 11, 15), date(2032, 11, 16)}
    assert out.getvalue().startswith(f"{SERIES}: 6 delegations")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--states", "2", "--states must be at least 3."),
        ("--days", "0", "--days must be at least 1."),
        ("--ngos", "-1", "--ngos must not be negative."),
    ],
)
def test_synthesize_meeting_command_refuses_a_bad_size(db, option, value, message):
    with pytest.raises(CommandError) as error:
        call_command("synthesize_meeting", "--series", SERIES, option, value, stdout=io.StringIO())

    assert str(error.value) == message
