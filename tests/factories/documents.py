import factory

from apps.documents.enums import DocumentType
from apps.documents.models import Document

from .meetings import MeetingFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    meeting = factory.SubFactory(MeetingFactory)
    doc_type = DocumentType.WORKING_PAPER
    number = factory.Sequence(lambda n: n + 1)
    symbol = factory.LazyAttribute(
        lambda d: (
            f"{d.meeting.series}/{d.doc_type}.{d.number}"
            if d.doc_type
            else f"{d.meeting.series}/{d.number}"
        )
    )
    title_en = factory.Sequence(lambda n: f"Working paper {n}")
    languages = ["en"]
