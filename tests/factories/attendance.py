import datetime

import factory
from django.utils import timezone

from apps.attendance.enums import ListKind, NominationStatus, RegistrationStatus, Session
from apps.attendance.models import AttendanceRecord, Nomination, ParticipantList, Registration
from apps.documents.enums import DocumentStatus, DocumentType
from apps.meetings.enums import MeetingStatus

from .delegations import DelegationMemberFactory
from .documents import DocumentFactory
from .meetings import MeetingFactory


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An open registration of a planned meeting."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    status = RegistrationStatus.OPEN
    opened_at = factory.LazyFunction(timezone.now)


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    member = factory.SubFactory(DelegationMemberFactory)
    status = NominationStatus.SUBMITTED


class AccreditedNominationFactory(NominationFactory):
    status = NominationStatus.ACCREDITED
    decided_at = factory.LazyFunction(timezone.now)


class SittingMeetingFactory(MeetingFactory):
    """A meeting in session on 25 and 26 August 2030."""

    status = MeetingStatus.IN_SESSION
    start_date = datetime.date(2030, 8, 25)
    end_date = datetime.date(2030, 8, 26)


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceRecord

    member = factory.SubFactory(DelegationMemberFactory)
    day = datetime.date(2030, 8, 25)
    session = Session.DAY


class ParticipantListFactory(factory.django.DjangoModelFactory):
    """An issued final list (an INF document) with an empty snapshot."""

    class Meta:
        model = ParticipantList

    meeting = factory.SubFactory(MeetingFactory)
    kind = ListKind.FINAL
    document = factory.SubFactory(
        DocumentFactory,
        meeting=factory.SelfAttribute("..meeting"),
        doc_type=DocumentType.INFORMATION,
        status=DocumentStatus.ISSUED,
    )
    snapshot = factory.LazyAttribute(
        lambda plist: {
            "symbol": plist.document.symbol,
            "kind": plist.kind,
            "series": plist.meeting.series,
            "categories": [],
            "counts": {"delegations": 0, "members": 0, "by_category": {}},
        }
    )
