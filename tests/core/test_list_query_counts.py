"""Every list route of the API answers in as many queries for 200 rows as for 5.

The routes come from the router itself, so a new list endpoint without a row-maker in
`ROW_MAKERS` fails here. Each maker creates rows whose every relation that a list shows is
filled in (a user who decided, a group spoken for, a submitter...), since an empty relation
costs no query and would hide a missing join.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from bwcmeet.api import build_router
from tests.factories.accounts import (
    FocalPointFactory,
    SecretariatAdminFactory,
    SecretariatOfficerFactory,
)
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.attendance import (
    AttendanceRecordFactory,
    NominationFactory,
    ParticipantListFactory,
    RegistrationFactory,
)
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import (
    OrganizationFactory,
    RegionalGroupFactory,
    StateFactory,
    TreatyStatusFactory,
)
from tests.factories.meetings import ChairRotationFactory, MeetingFactory
from tests.reports.factories import ReportDraftFactory, ReportTemplateFactory

pytestmark = pytest.mark.django_db

SIZES = (5, 200)


def list_routes() -> list[str]:
    """The url names of the router's list routes (`GET` mapped to `list`)."""
    return sorted(
        url.name
        for url in build_router().get_urls()
        if getattr(url.callback, "actions", {}).get("get") == "list"
        and "format" not in url.pattern.regex.groupindex
    )


class Shared:
    """Parents the rows of one test share; made before the first count."""

    def __init__(self, user):
        self.user = user
        self.meeting = MeetingFactory(parent=MeetingFactory(kind="msp"))
        self.group = RegionalGroupFactory()
        self.delegation = DelegationFactory(meeting=self.meeting)
        self.item = AgendaItemFactory(agenda__meeting=self.meeting)
        self.document = DocumentFactory(meeting=self.meeting)
        self.spoken_for = OrganizationFactory(kind="group")


def _meetings(count, shared):
    MeetingFactory.create_batch(count, parent=shared.meeting)


def _chair_rotations(count, shared):
    ChairRotationFactory.create_batch(count, regional_group=shared.group)


def _agendas(count, shared):
    for agenda in AgendaFactory.create_batch(count):
        AgendaItemFactory(agenda=agenda)


def _agenda_items(count, shared):
    AgendaItemFactory.create_batch(count, agenda=shared.item.agenda)


def _interventions(count, shared):
    for intervention in InterventionFactory.create_batch(
        count, agenda_item=shared.item, on_behalf_of=shared.spoken_for
    ):
        intervention.documents.add(shared.document)


def _documents(count, shared):
    # Corrigenda of one working paper: each has a parent, an item, a group and a submitter.
    first = shared.document.versions.count() + 1
    for number in range(first, first + count):
        corrigendum = DocumentFactory(
            meeting=shared.meeting,
            number=shared.document.number,
            symbol=f"{shared.document.symbol}/Corr.{number}",
            modifier="Corr",
            modifier_number=number,
            parent=shared.document,
            agenda_item=shared.item,
            on_behalf_of=shared.spoken_for,
            submitted_by="entities",
        )
        corrigendum.submitter_links.create(entity=StateFactory(), position=1)


def _delegations(count, shared):
    for delegation in DelegationFactory.create_batch(count, meeting=shared.meeting):
        DelegationMemberFactory(delegation=delegation)


def _delegation_members(count, shared):
    DelegationMemberFactory.create_batch(count, delegation=shared.delegation)


def _registrations(count, shared):
    RegistrationFactory.create_batch(count, opened_by=shared.user, closed_by=shared.user)


def _nominations(count, shared):
    NominationFactory.create_batch(
        count,
        member__delegation=shared.delegation,
        submitted_by=shared.user,
        decided_by=shared.user,
    )


def _attendance(count, shared):
    AttendanceRecordFactory.create_batch(
        count, member__delegation=shared.delegation, recorded_by=shared.user
    )


def _participant_lists(count, shared):
    ParticipantListFactory.create_batch(count, issued_by=shared.user)


def _states(count, shared):
    for state in StateFactory.create_batch(count, regional_group=shared.group):
        TreatyStatusFactory(entity=state)


def _entities(count, shared):
    StateFactory.create_batch(count, regional_group=shared.group)


def _regional_groups(count, shared):
    for group in RegionalGroupFactory.create_batch(count):
        StateFactory(regional_group=group)


def _users(count, shared):
    FocalPointFactory.create_batch(count)


def _report_drafts(count, shared):
    ReportDraftFactory.create_batch(count, meeting=shared.meeting, requested_by=shared.user)


def _report_templates(count, shared):
    ReportTemplateFactory.create_batch(count, uploaded_by=shared.user)


# Every list route, with what makes its rows. User accounts are the administrator's to read.
ROW_MAKERS = {
    "meeting-list": _meetings,
    "chair-rotation-list": _chair_rotations,
    "agenda-list": _agendas,
    "agenda-item-list": _agenda_items,
    "intervention-list": _interventions,
    "document-list": _documents,
    "delegation-list": _delegations,
    "delegation-member-list": _delegation_members,
    "registration-list": _registrations,
    "nomination-list": _nominations,
    "attendance-list": _attendance,
    "participant-list-list": _participant_lists,
    "state-list": _states,
    "entity-list": _entities,
    "regional-group-list": _regional_groups,
    "user-list": _users,
    "report-draft-list": _report_drafts,
    "report-template-list": _report_templates,
}
READ_BY_THE_ADMINISTRATOR = frozenset({"user-list"})


def _list_url(name):
    prefix = next(
        prefix
        for prefix, _viewset, basename in build_router().registry
        if f"{basename}-list" == name
    )
    return f"/api/v1/{prefix}/"


def test_every_list_route_has_a_row_maker():
    routes = list_routes()

    assert [name for name in routes if name not in ROW_MAKERS] == []
    assert sorted(ROW_MAKERS) == routes


@pytest.mark.parametrize("name", list_routes())
def test_list_query_count_is_the_same_for_5_and_200_rows(name):
    if name not in ROW_MAKERS:
        pytest.fail(f"{name}: no row-maker in ROW_MAKERS; add one with its query-count check")
    officer = SecretariatOfficerFactory()
    reader = SecretariatAdminFactory() if name in READ_BY_THE_ADMINISTRATOR else officer
    client = APIClient()
    client.force_authenticate(reader)
    url = _list_url(name)
    shared = Shared(officer)
    baseline = client.get(url).json()["count"]

    made, counts, sizes = 0, [], []
    for size in SIZES:
        ROW_MAKERS[name](size - made, shared)
        made = size
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, response.content
        counts.append(len(queries))
        sizes.append(response.json()["count"] - baseline)

    assert sizes == list(SIZES), f"{name}: the rows made are not the rows listed"
    assert counts[0] == counts[1], (
        f"{name}: {counts[0]} queries for {SIZES[0]} rows, {counts[1]} for {SIZES[1]}"
    )
