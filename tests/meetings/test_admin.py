import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.models import HistoricalChanges

from apps.attendance.models import ParticipantList
from apps.delegations.enums import Rule44Category
from apps.delegations.models import Delegation, StatedCount
from apps.documents.models import DocumentSubmitter
from apps.entities.enums import EntityKind
from apps.meetings.enums import (
    MeetingKind,
    MeetingStatus,
    OfficerRole,
    PostponementAuthority,
    RotatedBody,
)
from apps.meetings.models import (
    ChairRotation,
    Meeting,
    Officer,
    Postponement,
    PostponementLetter,
    SourceDiscrepancy,
)
from tests.factories.agendas import AgendaFactory
from tests.factories.attendance import AccreditedNominationFactory
from tests.factories.delegations import DelegationFactory
from tests.factories.entities import OrganizationFactory, RegionalGroupFactory, StateFactory
from tests.factories.meetings import MeetingFactory, OfficerFactory, PostponementFactory

pytestmark = pytest.mark.django_db

APP_LABEL = "meetings"
REGISTERED = [model for model in admin.site._registry if model._meta.app_label == APP_LABEL]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def management_form(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def form_errors(response):
    """What the admin rejected, so that a failing post says why."""
    if response.context is None:
        return None
    errors = [response.context["adminform"].form.errors]
    errors += [formset.formset.errors for formset in response.context["inline_admin_formsets"]]
    errors += [
        formset.formset.non_form_errors() for formset in response.context["inline_admin_formsets"]
    ]
    return errors


def a_meeting_with_its_parts(**kwargs):
    meeting = MeetingFactory(**kwargs)
    OfficerFactory(meeting=meeting, role=OfficerRole.CHAIR, name_en="Ambassador Chair")
    AgendaFactory(meeting=meeting)
    DelegationFactory(meeting=meeting, category=Rule44Category.STATE_PARTY)
    DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(),
        category=Rule44Category.INTERNATIONAL_ORGANIZATION,
    )
    return meeting


@pytest.fixture
def rows():
    meeting = a_meeting_with_its_parts()
    postponement = PostponementFactory(meeting=meeting)
    PostponementLetter.objects.create(
        postponement=postponement, dated=datetime.date(2030, 6, 1), author_en="the Chair"
    )
    SourceDiscrepancy.objects.create(
        meeting=meeting, source=f"{meeting.series}/2, para. 8", description="96 named, 95 counted."
    )
    ChairRotation.objects.create(
        year=2030,
        body=RotatedBody.MEETING_OF_EXPERTS,
        mx_number=1,
        regional_group=RegionalGroupFactory(),
    )


def test_every_bwcmeet_model_is_registered():
    # The whole site, so that a model added to any app without an admin is noticed; the
    # document-submitter link is edited as an inline of its document.
    def ours(model):
        return model._meta.app_config.name.startswith("apps.")

    concrete = {
        model
        for model in apps.get_models()
        if ours(model) and not issubclass(model, HistoricalChanges)
    }

    assert concrete - {DocumentSubmitter} == {
        model for model in admin.site._registry if ours(model)
    }


def test_every_meetings_model_is_registered():
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


def test_meeting_search_finds_a_meeting_by_series(admin_client):
    mx5 = MeetingFactory(series="BWC/MSP/2020/MX.5")
    MeetingFactory(series="BWC/MSP/2020/MX.1")

    response = admin_client.get(admin_url(Meeting, "changelist"), {"q": "MX.5"})

    assert list(response.context["cl"].result_list) == [mx5]


def test_meeting_search_finds_a_meeting_by_chinese_title(admin_client):
    mx5 = MeetingFactory(title_zh="加强《公约》体制问题专家会议")
    MeetingFactory(title_zh="合作与援助问题专家会议")

    response = admin_client.get(admin_url(Meeting, "changelist"), {"q": "体制"})

    assert list(response.context["cl"].result_list) == [mx5]


def test_meeting_filter_by_kind_status_and_year_narrows_the_list(admin_client):
    msp = MeetingFactory(
        kind=MeetingKind.MEETING_OF_STATES_PARTIES, status=MeetingStatus.POSTPONED, year=2020
    )
    MeetingFactory(
        kind=MeetingKind.MEETING_OF_STATES_PARTIES, status=MeetingStatus.CLOSED, year=2020
    )
    MeetingFactory(kind=MeetingKind.MEETING_OF_EXPERTS, status=MeetingStatus.POSTPONED, year=2020)
    MeetingFactory(
        kind=MeetingKind.MEETING_OF_STATES_PARTIES, status=MeetingStatus.POSTPONED, year=2021
    )

    response = admin_client.get(
        admin_url(Meeting, "changelist"),
        {
            "kind__exact": MeetingKind.MEETING_OF_STATES_PARTIES,
            "status__exact": "postponed",
            "year": 2020,
        },
    )

    assert list(response.context["cl"].result_list) == [msp]


def test_meeting_changelist_shows_chair_and_delegations_per_category(admin_client):
    meeting = a_meeting_with_its_parts()
    DelegationFactory(meeting=meeting, category=Rule44Category.STATE_PARTY)

    response = admin_client.get(admin_url(Meeting, "changelist"))

    [row] = response.context["cl"].result_list
    counts = {value: getattr(row, f"delegations_{value}") for value in Rule44Category.values}
    assert (row.chair_name, counts) == (
        "Ambassador Chair",
        {
            Rule44Category.STATE_PARTY: 2,
            Rule44Category.SIGNATORY: 0,
            Rule44Category.OBSERVER_STATE: 0,
            Rule44Category.UN_ENTITY: 0,
            Rule44Category.INTERNATIONAL_ORGANIZATION: 1,
            Rule44Category.NGO: 0,
            Rule44Category.GUEST: 0,
        },
    )


def test_meeting_change_view_links_its_agenda_and_delegations(admin_client):
    meeting = a_meeting_with_its_parts()

    response = admin_client.get(admin_url(Meeting, "change", meeting.pk))

    content = response.content.decode()
    assert f'href="{admin_url(meeting.agenda, "change", meeting.agenda.pk)}"' in content
    state_parties = (
        f"{admin_url(Delegation, 'changelist')}?meeting__id__exact={meeting.pk}"
        f"&amp;category__exact={Rule44Category.STATE_PARTY}"
    )
    assert f'<a href="{state_parties}">State Party</a></td><td>1</td>' in content


def test_meeting_without_agenda_links_to_adding_one(admin_client):
    meeting = MeetingFactory()

    response = admin_client.get(admin_url(Meeting, "changelist"))

    assert response.context["cl"].model_admin.agenda_link(meeting) == (
        f'<a href="{reverse("admin:agendas_agenda_add")}?meeting={meeting.pk}">Add the agenda</a>'
    )


def test_meeting_changelist_query_count_is_constant(admin_client):
    a_meeting_with_its_parts()
    admin_client.get(admin_url(Meeting, "changelist"))  # warm the session and content types
    with CaptureQueriesContext(connection) as one:
        admin_client.get(admin_url(Meeting, "changelist"))
    a_meeting_with_its_parts()
    a_meeting_with_its_parts()

    with CaptureQueriesContext(connection) as three:
        response = admin_client.get(admin_url(Meeting, "changelist"))

    assert response.context["cl"].result_count == 3
    # session, user, filtered count, full count, rows (chair and counts are subqueries, the
    # agenda a join), the date hierarchy's range and its dates, the year filter's values
    assert len(one) == len(three) == 8


def test_meeting_add_with_its_inlines_creates_the_whole_meeting(admin_client, admin_user):
    secretariat_group = RegionalGroupFactory(code="wg")
    chair_state = StateFactory(name_en="Netherlands")
    entities = {
        Rule44Category.STATE_PARTY: chair_state,
        Rule44Category.SIGNATORY: StateFactory(name_en="Egypt"),
        Rule44Category.OBSERVER_STATE: StateFactory(name_en="Israel"),
        Rule44Category.UN_ENTITY: OrganizationFactory(kind=EntityKind.UN_ENTITY, name_en="UNIDIR"),
        Rule44Category.INTERNATIONAL_ORGANIZATION: OrganizationFactory(
            name_en="World Health Organization"
        ),
        Rule44Category.NGO: OrganizationFactory(kind=EntityKind.NGO, name_en="VERTIC"),
        Rule44Category.GUEST: OrganizationFactory(kind=EntityKind.INDIVIDUAL, name_en="A guest"),
    }
    data = {
        "series": "BWC/MSP/2020/MX.5",
        "kind": MeetingKind.MEETING_OF_EXPERTS,
        "status": MeetingStatus.CLOSED,
        "year": "2020",
        "number": "5",
        "title_en": "Meeting of Experts on Institutional Strengthening of the Convention",
        "title_zh": "加强《公约》体制问题专家会议",
        "scheduled_start": "2020-08-25",
        "scheduled_end": "2020-08-26",
        "start_date": "2021-09-01",
        "end_date": "2021-09-02",
        "venue_en": "Palais des Nations, Geneva",
        "venue_zh": "日内瓦万国宫",
        "rules_of_procedure": "BWC/CONF.VIII/2",
        "rules_applied_mutatis_mutandis": "on",
        **management_form("postponements", 1),
        "postponements-0-position": "1",
        "postponements-0-authority": PostponementAuthority.SILENCE_PROCEDURE,
        "postponements-0-from_start": "2020-08-25",
        "postponements-0-from_end": "2020-08-26",
        "postponements-0-to_start": "2021-09-01",
        "postponements-0-to_end": "2021-09-02",
        "postponements-0-reason_en": "COVID-19 pandemic",
        **management_form("officers", 2),
        "officers-0-position": "1",
        "officers-0-role": OfficerRole.CHAIR,
        "officers-0-honorific": "mr",
        "officers-0-name_en": "Robert in den Bosch",
        "officers-0-entity": chair_state.pk,
        "officers-0-regional_group": secretariat_group.pk,
        "officers-1-position": "2",
        "officers-1-role": OfficerRole.SECRETARY,
        "officers-1-honorific": "mr",
        "officers-1-name_en": "Daniel Feakes",
        **management_form("delegations", len(entities)),
        **management_form("stated_counts", 1),
        "stated_counts-0-category": Rule44Category.NGO,
        "stated_counts-0-count": "12",
        "stated_counts-0-wording_en": "twelve",
        **management_form("discrepancies", 1),
        "discrepancies-0-position": "1",
        "discrepancies-0-source": "BWC/MSP/2020/MX.5/2, para. 8",
        "discrepancies-0-description": "The count differs from the list.",
    }
    for index, (category, entity) in enumerate(entities.items()):
        data[f"delegations-{index}-category"] = category
        data[f"delegations-{index}-position"] = "1"
        data[f"delegations-{index}-entity"] = entity.pk

    response = admin_client.post(admin_url(Meeting, "add"), data)

    assert response.status_code == 302, form_errors(response)
    meeting = Meeting.objects.get(series="BWC/MSP/2020/MX.5")
    assert list(
        Postponement.objects.filter(meeting=meeting).values_list("to_start", flat=True)
    ) == [datetime.date(2021, 9, 1)]
    assert list(Officer.objects.filter(meeting=meeting).values_list("role", "name_en")) == [
        (OfficerRole.CHAIR, "Robert in den Bosch"),
        (OfficerRole.SECRETARY, "Daniel Feakes"),
    ]
    assert dict(Delegation.objects.filter(meeting=meeting).values_list("category", "entity")) == {
        category: entity.pk for category, entity in entities.items()
    }
    assert list(StatedCount.objects.filter(meeting=meeting).values_list("category", "count")) == [
        (Rule44Category.NGO, 12)
    ]
    assert meeting.discrepancies.count() == 1
    assert meeting.history.get().history_user == admin_user


def test_meeting_add_rejects_a_delegation_in_the_wrong_category(admin_client):
    data = {
        "series": "BWC/MSP/2030/MX.1",
        "kind": MeetingKind.MEETING_OF_EXPERTS,
        "status": MeetingStatus.PLANNED,
        "title_en": "Meeting of Experts",
        "scheduled_start": "2030-08-25",
        "scheduled_end": "2030-08-26",
        "venue_en": "Palais des Nations, Geneva",
        **management_form("postponements", 0),
        **management_form("officers", 0),
        **management_form("delegations", 1),
        "delegations-0-category": Rule44Category.NGO,
        "delegations-0-position": "1",
        "delegations-0-entity": StateFactory().pk,
        **management_form("stated_counts", 0),
        **management_form("discrepancies", 0),
    }

    response = admin_client.post(admin_url(Meeting, "add"), data)

    [delegations] = [
        formset.formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "delegations"
    ]
    assert delegations.errors == [
        {
            "category": [
                "Non-governmental organization or research institute (rule 44.5) admits no State."
            ]
        }
    ]
    assert not Meeting.objects.filter(series="BWC/MSP/2030/MX.1").exists()


def test_postponement_add_with_letters_creates_them(admin_client):
    meeting = MeetingFactory()

    response = admin_client.post(
        admin_url(Postponement, "add"),
        {
            "meeting": meeting.pk,
            "position": "1",
            "authority": PostponementAuthority.SILENCE_PROCEDURE,
            "from_start": "2030-08-25",
            "from_end": "2030-08-26",
            **management_form("letters", 2),
            "letters-0-dated": "2030-05-06",
            "letters-0-author_en": "the Chair of the 2030 Meeting of States Parties",
            "letters-1-dated": "2030-06-02",
            "letters-1-author_en": "the Chair of the 2030 Meeting of States Parties",
        },
    )

    assert response.status_code == 302, form_errors(response)
    assert list(
        PostponementLetter.objects.filter(postponement__meeting=meeting).values_list(
            "dated", flat=True
        )
    ) == [datetime.date(2030, 5, 6), datetime.date(2030, 6, 2)]


def test_postponement_changelist_counts_letters(admin_client):
    postponement = PostponementFactory()
    for day in (1, 2):
        PostponementLetter.objects.create(
            postponement=postponement, dated=datetime.date(2030, 6, day), author_en="the Chair"
        )

    response = admin_client.get(admin_url(Postponement, "changelist"))

    assert [row.letter_total for row in response.context["cl"].result_list] == [2]


def test_meeting_delete_action_deletes_a_meeting_without_documents(admin_client):
    meeting = a_meeting_with_its_parts()

    response = admin_client.post(
        admin_url(Meeting, "changelist"),
        {"action": "delete_selected", "_selected_action": [meeting.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert Meeting.objects.count() == 0


def test_meeting_change_view_query_count_is_constant_in_its_parts(admin_client):
    def add_parts(meeting):
        DelegationFactory(meeting=meeting, entity=StateFactory())
        OfficerFactory(
            meeting=meeting, entity=StateFactory(), regional_group=RegionalGroupFactory()
        )
        PostponementFactory(meeting=meeting)

    meeting = a_meeting_with_its_parts()
    StatedCount.objects.create(meeting=meeting, category=Rule44Category.NGO, count=12)
    url = admin_url(Meeting, "change", meeting.pk)
    admin_client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    add_parts(meeting)
    add_parts(meeting)

    with CaptureQueriesContext(connection) as more:
        admin_client.get(url)

    # session, user, the meeting (chair and counts as subqueries), one query for each of the
    # five inlines (their entities and groups joined), the agenda; no query a row
    assert len(few) == len(more) == 9


def test_meeting_change_view_lists_delegations_in_the_report_order(admin_client):
    meeting = MeetingFactory()
    guest = DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(kind=EntityKind.INDIVIDUAL),
        category=Rule44Category.GUEST,
        position=1,
    )
    second = DelegationFactory(meeting=meeting, category=Rule44Category.STATE_PARTY, position=2)
    first = DelegationFactory(meeting=meeting, category=Rule44Category.STATE_PARTY, position=1)

    response = admin_client.get(admin_url(Meeting, "change", meeting.pk))

    [delegations] = [
        formset.formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "delegations"
    ]
    assert [form.instance for form in delegations.initial_forms] == [first, second, guest]


def test_meeting_change_view_lists_its_delegations_read_only_and_links_its_paperwork(
    admin_client,
):
    meeting = a_meeting_with_its_parts()

    response = admin_client.get(admin_url(Meeting, "change", meeting.pk))
    page = response.content.decode()

    [delegations] = [
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "delegations"
    ]
    assert (delegations.has_add_permission, len(delegations.formset.forms)) == (False, 2)
    assert [
        link in page
        for link in (
            f"{reverse('admin:delegations_delegation_add')}?meeting={meeting.pk}",
            f"{reverse('admin:documents_document_add')}?mint_in={meeting.pk}",
            f"{reverse('admin:reports_reportdraft_add')}?meeting={meeting.pk}",
            f"{reverse('admin:attendance_participantlist_changelist')}"
            f"?meeting__id__exact={meeting.pk}",
        )
    ] == [True, True, True, True]


def test_meeting_action_issues_the_provisional_list_of_participants(admin_client):
    meeting = MeetingFactory(series="BWC/MSP/2030/MX.4")
    AccreditedNominationFactory(member__delegation__meeting=meeting)

    response = admin_client.post(
        admin_url(Meeting, "changelist"),
        {"action": "issue_provisional_lists", "_selected_action": [meeting.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "BWC/MSP/2030/MX.4: Provisional list of participants issued as "
        "BWC/MSP/2030/MX.4/MISC.1 (delegations: 1, participants: 1)."
    ]
    assert ParticipantList.objects.get().document.symbol == "BWC/MSP/2030/MX.4/MISC.1"


def test_meeting_action_reports_a_list_the_registry_refuses(admin_client):
    meeting = MeetingFactory(series="BWC/MSP/2030/MX.4")

    response = admin_client.post(
        admin_url(Meeting, "changelist"),
        {"action": "issue_revised_lists", "_selected_action": [meeting.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "BWC/MSP/2030/MX.4: A revision revises the final list, which has not been issued."
    ]
    assert ParticipantList.objects.count() == 0
