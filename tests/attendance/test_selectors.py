import datetime

import pytest

from apps.attendance import selectors
from apps.attendance.enums import Session
from apps.delegations.enums import Rule44Category
from tests.factories.attendance import (
    AccreditedNominationFactory,
    AttendanceRecordFactory,
    NominationFactory,
    ParticipantListFactory,
    RegistrationFactory,
    SittingMeetingFactory,
)
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import OrganizationFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_registration_is_open_without_a_registration_is_false():
    assert selectors.registration_is_open(SittingMeetingFactory()) is False


def test_participated_if_any_member_attended():
    delegation = DelegationFactory()
    absent = DelegationFactory(meeting=delegation.meeting)
    DelegationMemberFactory(delegation=delegation)
    DelegationMemberFactory(delegation=absent)
    AttendanceRecordFactory(member=DelegationMemberFactory(delegation=delegation))

    assert [selectors.participated(delegation), selectors.participated(absent)] == [True, False]


def test_participating_delegations_are_in_the_reports_order_with_their_counts():
    meeting = SittingMeetingFactory()
    organization = DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(),
        category=Rule44Category.INTERNATIONAL_ORGANIZATION,
        position=1,
    )
    second = DelegationFactory(meeting=meeting, position=2)
    first = DelegationFactory(meeting=meeting, position=1)
    DelegationFactory(meeting=meeting, position=3)  # registered, never came
    one, two = DelegationMemberFactory.create_batch(2, delegation=first)
    for day in (D(2030, 8, 25), D(2030, 8, 26)):
        AttendanceRecordFactory(member=one, day=day)
    AttendanceRecordFactory(member=two, session=Session.MORNING)
    AttendanceRecordFactory(member=DelegationMemberFactory(delegation=second))
    AttendanceRecordFactory(member=DelegationMemberFactory(delegation=organization))

    rows = [
        (d.pk, d.attended_members, d.check_ins)
        for d in selectors.participating_delegations(meeting)
    ]

    assert rows == [(first.pk, 2, 3), (second.pk, 1, 1), (organization.pk, 1, 1)]


def test_participation_by_category_lists_every_category(django_assert_num_queries):
    meeting = SittingMeetingFactory()
    delegation = DelegationFactory(meeting=meeting, category=Rule44Category.SIGNATORY)
    AttendanceRecordFactory(member=DelegationMemberFactory(delegation=delegation))

    with django_assert_num_queries(1):  # the delegations with their counts
        grouped = selectors.participation_by_category(meeting)

    assert [(category, [d.pk for d in delegations]) for category, delegations in grouped] == [
        ("state_party", []),
        ("signatory", [delegation.pk]),
        ("observer_state", []),
        ("un_entity", []),
        ("international_organization", []),
        ("ngo", []),
        ("guest", []),
    ]


@pytest.mark.parametrize("item_count", [5, 200])
def test_participants_snapshot_query_count_is_constant(item_count, django_assert_num_queries):
    meeting = SittingMeetingFactory()
    for _ in range(item_count):
        AccreditedNominationFactory(member__delegation=DelegationFactory(meeting=meeting))

    with django_assert_num_queries(2):  # the delegations, their accredited members
        snapshot = selectors.participants_snapshot(meeting)

    assert snapshot["counts"]["members"] == item_count


@pytest.mark.parametrize("item_count", [5, 200])
def test_nominations_for_list_query_count_is_constant(item_count, django_assert_num_queries):
    registration = RegistrationFactory()
    NominationFactory.create_batch(item_count, member__delegation__meeting=registration.meeting)

    with django_assert_num_queries(1):  # one query, everything joined
        rows = [
            (
                n.member.delegation.entity.code,
                selectors.registration_is_open(n.member.delegation.meeting),
            )
            for n in selectors.nominations_for_list()
        ]

    assert len(rows) == item_count


def test_list_issued_after_a_list_exists():
    plist = ParticipantListFactory()

    assert [
        selectors.list_issued(plist.meeting),
        selectors.list_issued(SittingMeetingFactory()),
    ] == [True, False]


# --- The difference of two lists -------------------------------------------------------------


def _snapshot(*delegations):
    """A snapshot of state_party delegations given as (code, [(family, given, role, title,
    position)])."""
    return {
        "categories": [
            {
                "category": "state_party",
                "delegations": [
                    {
                        "entity_code": code,
                        "name_en": f"State {code}",
                        "name_zh": "",
                        "position": position,
                        "members": [
                            {
                                "family_name": family,
                                "given_name": given,
                                "role": role,
                                "title": title,
                                "honorific": "",
                                "position": number,
                            }
                            for family, given, role, title, number in members
                        ],
                    }
                    for position, (code, members) in enumerate(delegations, start=1)
                ],
            }
        ],
        "counts": {},
    }


def test_list_difference_names_what_was_added_removed_and_changed():
    older = ParticipantListFactory.build(
        snapshot=_snapshot(
            ("QAA", [("Pérez", "Ana", "head", "Ambassador", 1), ("Wei", "Li", "member", "", 2)]),
            ("QBB", [("Said", "Omar", "head", "", 1)]),
        )
    )
    newer = ParticipantListFactory.build(
        snapshot=_snapshot(
            (
                "QAA",
                [
                    ("Wei", "Li", "member", "", 1),
                    ("PÉREZ", "Ana", "head", "Permanent Representative", 2),
                    ("Smith", "Jo", "adviser", "Expert", 3),
                ],
            ),
            ("QCC", [("Diallo", "Awa", "head", "", 1)]),
        )
    )

    difference = selectors.list_difference(older, newer)

    assert difference == {
        "delegations": {
            "added": [{"entity_code": "QCC", "name_en": "State QCC", "category": "state_party"}],
            "removed": [{"entity_code": "QBB", "name_en": "State QBB", "category": "state_party"}],
            "changed": [],
        },
        "members": {
            "added": [
                {
                    "entity_code": "QAA",
                    "family_name": "Smith",
                    "given_name": "Jo",
                    "role": "adviser",
                    "title": "Expert",
                },
                {
                    "entity_code": "QCC",
                    "family_name": "Diallo",
                    "given_name": "Awa",
                    "role": "head",
                    "title": "",
                },
            ],
            "removed": [
                {
                    "entity_code": "QBB",
                    "family_name": "Said",
                    "given_name": "Omar",
                    "role": "head",
                    "title": "",
                }
            ],
            "changed": [
                {
                    "entity_code": "QAA",
                    "family_name": "Wei",
                    "given_name": "Li",
                    "changes": {"position": [2, 1]},
                },
                {
                    "entity_code": "QAA",
                    "family_name": "PÉREZ",
                    "given_name": "Ana",
                    "changes": {
                        "position": [1, 2],
                        "title": ["Ambassador", "Permanent Representative"],
                    },
                },
            ],
        },
    }


def test_list_difference_tells_two_bearers_of_one_name_apart():
    older = ParticipantListFactory.build(
        snapshot=_snapshot(("QAA", [("Wei", "Li", "member", "", 1)]))
    )
    newer = ParticipantListFactory.build(
        snapshot=_snapshot(
            ("QAA", [("Wei", "Li", "member", "", 1), ("Wei", "Li", "member", "", 2)])
        )
    )

    difference = selectors.list_difference(older, newer)

    assert (difference["members"]["added"], difference["members"]["changed"]) == (
        [
            {
                "entity_code": "QAA",
                "family_name": "Wei",
                "given_name": "Li",
                "role": "member",
                "title": "",
            }
        ],
        [],
    )


def test_list_difference_of_a_list_with_itself_is_empty():
    plist = ParticipantListFactory.build(
        snapshot=_snapshot(("QAA", [("Wei", "Li", "member", "", 1)]))
    )

    assert selectors.list_difference(plist, plist) == {
        "delegations": {"added": [], "removed": [], "changed": []},
        "members": {"added": [], "removed": [], "changed": []},
    }
