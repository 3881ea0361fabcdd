"""A meeting with everything a report reads, of a chosen size (for query-count tests)."""

import datetime

from apps.agendas.enums import AgendaStatus, InterventionKind
from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import StatedCount
from apps.documents.enums import DocumentStatus, DocumentType, Modifier
from apps.documents.models import DocumentSubmitter
from apps.entities.enums import EntityKind
from apps.meetings.enums import Honorific, OfficerRole
from apps.meetings.models import Meeting, PostponementLetter

from .agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from .delegations import DelegationFactory, DelegationMemberFactory
from .documents import DocumentFactory
from .entities import OrganizationFactory, StateFactory
from .meetings import MeetingFactory, OfficerFactory, PostponementFactory


def report_meeting(*, size: int) -> Meeting:
    """A Meeting of Experts whose every part grows with `size`: States Parties (10 per unit),
    members, signatories, observers, UN entities, organizations, agenda items, interventions
    of every kind, working papers with corrigenda, postponement letters and officers."""
    meeting = MeetingFactory(
        start_date=datetime.date(2030, 9, 1),
        end_date=datetime.date(2030, 9, 2),
        report_adopted_on=datetime.date(2030, 9, 2),
        rules_of_procedure="BWC/CONF.VIII/2",
        mandate_en="1. The mandate.\n\n(a) A sub-item.",
        mandate_zh="1. 任务。\n\n(a) 分项。",
        chair_summary_en="Summary\n\n1. The Chair's summary.",
        chair_summary_zh="概要\n\n1. 主席的概要。",
    )
    postponement = PostponementFactory(
        meeting=meeting,
        to_start=meeting.start_date,
        to_end=meeting.end_date,
        reason_en="The pandemic.",
        reason_zh="大流行",
    )
    for index in range(size):
        PostponementLetter.objects.create(
            postponement=postponement,
            dated=datetime.date(2030, 1, 1) + datetime.timedelta(days=index),
            author_en="the Chair of the Meeting of States Parties",
            author_zh="缔约国会议主席",
        )
    chair_state = StateFactory()
    DelegationFactory(meeting=meeting, entity=chair_state, position=0)
    OfficerFactory(
        meeting=meeting, role=OfficerRole.CHAIR, honorific=Honorific.MS, entity=chair_state
    )
    OfficerFactory(meeting=meeting, role=OfficerRole.SECRETARY, honorific=Honorific.MR)
    for _ in range(size):
        OfficerFactory(meeting=meeting, role=OfficerRole.SECRETARIAT_STAFF)

    states = [DelegationFactory(meeting=meeting).entity for _ in range(10 * size)]
    for state in states[:size]:
        delegation = meeting.delegations.get(entity=state)
        DelegationMemberFactory(delegation=delegation, role=MemberRole.HEAD, position=1)
        DelegationMemberFactory(delegation=delegation, position=2)
    for category in (Rule44Category.SIGNATORY, Rule44Category.OBSERVER_STATE):
        for _ in range(size):
            DelegationFactory(meeting=meeting, category=category)
    for _ in range(size):
        DelegationFactory(
            meeting=meeting,
            category=Rule44Category.UN_ENTITY,
            entity=OrganizationFactory(kind=EntityKind.UN_ENTITY),
        )
        DelegationFactory(
            meeting=meeting,
            category=Rule44Category.INTERNATIONAL_ORGANIZATION,
            entity=OrganizationFactory(),
        )
    StatedCount.objects.create(
        meeting=meeting, category=Rule44Category.STATE_PARTY, count=10 * size + 1
    )
    StatedCount.objects.create(meeting=meeting, category=Rule44Category.NGO, count=3 * size)

    agenda = AgendaFactory(
        meeting=meeting, status=AgendaStatus.ADOPTED, adopted_on=meeting.start_date
    )
    for number in (1, 2):
        DocumentFactory(meeting=meeting, doc_type=DocumentType.MAIN, number=number)
    DocumentFactory(meeting=meeting, doc_type=DocumentType.CONFERENCE_ROOM_PAPER, number=1)
    participants = DocumentFactory(meeting=meeting, doc_type=DocumentType.INFORMATION, number=1)
    DocumentFactory(
        meeting=meeting,
        doc_type=DocumentType.INFORMATION,
        number=1,
        symbol=f"{participants.symbol}/Rev.1",
        modifier=Modifier.REVISION,
        modifier_number=1,
        parent=participants,
        issue_date=meeting.start_date,
    )
    paper_number = 0
    for item_number in range(4, 4 + size):
        item = AgendaItemFactory(agenda=agenda, number=item_number)
        position = 0

        def speak(kind, speaker, *, item=item, **extra):
            nonlocal position
            position += 1
            return InterventionFactory(
                agenda_item=item, position=position, kind=kind, speaker=speaker, **extra
            )

        speak(InterventionKind.BRIEFING, OrganizationFactory(kind=EntityKind.UN_ENTITY))
        for introducer in states[:2]:
            intervention = speak(InterventionKind.WORKING_PAPER, introducer)
            paper_number += 1
            paper = DocumentFactory(
                meeting=meeting,
                number=paper_number,
                agenda_item=item,
                submitted_by="entities",
            )
            DocumentSubmitter.objects.create(document=paper, entity=introducer)
            corrigendum = DocumentFactory(
                meeting=meeting,
                number=paper_number,
                symbol=f"{paper.symbol}/Corr.1",
                modifier=Modifier.CORRIGENDUM,
                modifier_number=1,
                parent=paper,
                agenda_item=item,
                status=DocumentStatus.ISSUED,
            )
            intervention.documents.add(paper, corrigendum)
        speak(InterventionKind.DISCUSSION, states[0], on_behalf_of=OrganizationFactory())
        for state in states[1:]:
            speak(InterventionKind.DISCUSSION, state)
        speak(InterventionKind.PRESENTATION, states[-1])
        speak(InterventionKind.STATEMENT, states[-2])
    AgendaItemFactory(agenda=agenda, number=4 + size, title_en="Adoption of the report")
    return meeting
