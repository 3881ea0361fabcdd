import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.models import HistoricalChanges

from apps.attendance.enums import NominationStatus
from apps.attendance.models import Nomination
from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import Delegation, DelegationMember, StatedCount
from apps.entities.enums import EntityKind
from tests.factories.attendance import AccreditedNominationFactory, NominationFactory
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import OrganizationFactory, StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

APP_LABEL = "delegations"
REGISTERED = [model for model in admin.site._registry if model._meta.app_label == APP_LABEL]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def rows():
    delegation = DelegationFactory()
    DelegationMemberFactory(delegation=delegation, role=MemberRole.HEAD)
    StatedCount.objects.create(
        meeting=delegation.meeting, category=Rule44Category.NGO, count=12, wording_en="twelve"
    )


def test_every_delegations_model_is_registered():
    concrete = {
        model
        for model in apps.get_app_config(APP_LABEL).get_models()
        if not issubclass(model, HistoricalChanges)
    }

    assert concrete == set(REGISTERED)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_admin_changelist_renders_with_rows(admin_client, rows, model):
    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_admin_add_view_renders(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == 200
    assert response.context["adminform"].form._meta.model == model


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_admin_change_view_renders(admin_client, rows, model):
    obj = model._default_manager.first()

    response = admin_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200
    assert response.context["original"] == obj


def test_delegation_search_finds_a_delegation_by_chinese_name_of_its_state(admin_client):
    china = DelegationFactory(entity=StateFactory(name_zh="中国"))
    DelegationFactory(entity=StateFactory(name_zh="巴拿马"))

    response = admin_client.get(admin_url(Delegation, "changelist"), {"q": "中国"})

    assert list(response.context["cl"].result_list) == [china]


def test_delegation_filter_by_meeting_and_category_narrows_the_list(admin_client):
    meeting = MeetingFactory()
    ngo = DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(kind=EntityKind.NGO),
        category=Rule44Category.NGO,
    )
    DelegationFactory(meeting=meeting, category=Rule44Category.STATE_PARTY)
    DelegationFactory(entity=OrganizationFactory(kind=EntityKind.NGO), category=Rule44Category.NGO)

    response = admin_client.get(
        admin_url(Delegation, "changelist"),
        {"meeting__id__exact": meeting.pk, "category__exact": Rule44Category.NGO},
    )

    assert list(response.context["cl"].result_list) == [ngo]


def test_delegation_changelist_shows_head_and_member_count(admin_client):
    delegation = DelegationFactory()
    DelegationMemberFactory(
        delegation=delegation, role=MemberRole.HEAD, given_name="Li", family_name="Song"
    )
    DelegationMemberFactory(delegation=delegation)

    response = admin_client.get(admin_url(Delegation, "changelist"))

    [row] = response.context["cl"].result_list
    assert (row.head_name, row.member_total) == ("Li Song", 2)


def test_delegation_changelist_query_count_is_constant(admin_client):
    meeting = MeetingFactory()

    def add_delegation():
        delegation = DelegationFactory(meeting=meeting)
        DelegationMemberFactory(delegation=delegation, role=MemberRole.HEAD)

    add_delegation()
    admin_client.get(admin_url(Delegation, "changelist"))  # warm the session
    with CaptureQueriesContext(connection) as one:
        admin_client.get(admin_url(Delegation, "changelist"))
    add_delegation()
    add_delegation()

    with CaptureQueriesContext(connection) as three:
        response = admin_client.get(admin_url(Delegation, "changelist"))

    assert response.context["cl"].result_count == 3
    # session, user, filtered count, full count, rows (meeting and entity joined, head and
    # member count annotated), the values of the year, regional group and meeting filters
    assert len(one) == len(three) == 8


def test_delegation_add_with_members_creates_them(admin_client):
    meeting = MeetingFactory()
    state = StateFactory()

    response = admin_client.post(
        admin_url(Delegation, "add"),
        {
            "meeting": meeting.pk,
            "entity": state.pk,
            "category": Rule44Category.STATE_PARTY,
            "position": "1",
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "0",
            "members-0-position": "1",
            "members-0-role": MemberRole.HEAD,
            "members-0-honorific": "ms",
            "members-0-given_name": "Ana",
            "members-0-family_name": "Ortiz",
            "members-1-position": "2",
            "members-1-role": MemberRole.ADVISER,
            "members-1-family_name": "Ruiz",
        },
    )

    assert response.status_code == 302
    assert list(
        DelegationMember.objects.filter(delegation__meeting=meeting, delegation__entity=state)
        .order_by("position")
        .values_list("role", "family_name")
    ) == [(MemberRole.HEAD, "Ortiz"), (MemberRole.ADVISER, "Ruiz")]


def test_delegation_autocomplete_finds_a_delegation_by_series(admin_client):
    delegation = DelegationFactory(meeting=MeetingFactory(series="BWC/MSP/2020/MX.5"))
    DelegationFactory(meeting=MeetingFactory(series="BWC/MSP/2020/MX.1"))

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "delegations",
            "model_name": "delegationmember",
            "field_name": "delegation",
            "term": "MX.5",
        },
    )

    assert response.json()["results"] == [{"id": str(delegation.pk), "text": str(delegation)}]


def test_delegation_changelist_follows_the_report_order_of_categories(admin_client):
    meeting = MeetingFactory()
    ngo = DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(kind=EntityKind.NGO),
        category=Rule44Category.NGO,
        position=1,
    )
    signatory = DelegationFactory(meeting=meeting, category=Rule44Category.SIGNATORY, position=1)
    state_party = DelegationFactory(
        meeting=meeting, category=Rule44Category.STATE_PARTY, position=1
    )

    response = admin_client.get(admin_url(Delegation, "changelist"))

    assert list(response.context["cl"].result_list) == [state_party, signatory, ngo]


def test_delegation_action_accredits_the_members_not_yet_accredited(admin_client, admin_user):
    delegation = DelegationFactory()
    new, submitted, accredited, returned = DelegationMemberFactory.create_batch(
        4, delegation=delegation
    )
    NominationFactory(member=submitted)
    AccreditedNominationFactory(member=accredited)
    NominationFactory(member=returned, status=NominationStatus.RETURNED, reason="No note.")

    response = admin_client.post(
        admin_url(Delegation, "changelist"),
        {"action": "accredit_members", "_selected_action": [delegation.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "2 members accredited (1 already accredited, 1 returned or withdrawn left as they are)."
    ]
    assert dict(Nomination.objects.values_list("member", "status")) == {
        new.pk: NominationStatus.ACCREDITED,
        submitted.pk: NominationStatus.ACCREDITED,
        accredited.pk: NominationStatus.ACCREDITED,
        returned.pk: NominationStatus.RETURNED,
    }
    assert Nomination.objects.get(member=new).decided_by == admin_user


def test_delegation_changelist_counts_the_accredited_members(admin_client):
    delegation = DelegationFactory()
    AccreditedNominationFactory(member__delegation=delegation)
    NominationFactory(member__delegation=delegation)
    DelegationMemberFactory(delegation=delegation)

    response = admin_client.get(admin_url(Delegation, "changelist"))

    [row] = response.context["cl"].result_list
    assert (row.member_total, row.accredited_total) == (3, 1)


def test_delegation_save_and_add_another_keeps_the_meeting(admin_client):
    meeting = MeetingFactory()

    response = admin_client.post(
        admin_url(Delegation, "add"),
        {
            "meeting": meeting.pk,
            "entity": StateFactory().pk,
            "category": Rule44Category.STATE_PARTY,
            "position": "1",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "_addanother": "1",
        },
    )

    assert (response.status_code, response["Location"]) == (
        302,
        f"{admin_url(Delegation, 'add')}?meeting={meeting.pk}",
    )
