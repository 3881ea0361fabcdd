"""Factories of the reports app's rows (drafts as the services leave them, templates)."""

import factory
from django.core.files.base import ContentFile

from apps.reports.enums import DraftFormat, DraftStatus, ReportKind
from apps.reports.models import ReportDraft, ReportTemplate
from tests.factories.meetings import MeetingFactory


class ReportTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportTemplate

    meeting = factory.SubFactory(MeetingFactory)
    kind = ReportKind.PROCEDURAL_REPORT
    lang = "en"
    source = "= Report\n"
    version = 1


class ReportDraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportDraft

    meeting = factory.SubFactory(MeetingFactory)
    kind = ReportKind.PROCEDURAL_REPORT
    lang = "en"
    fmt = DraftFormat.TXT
    template_version = "default:0000"
    data_hash = factory.Sequence(lambda n: f"{n:064x}")
    status = DraftStatus.QUEUED


class DoneDraftFactory(ReportDraftFactory):
    status = DraftStatus.DONE
    file = factory.LazyFunction(lambda: ContentFile(b"draft\n", name="draft.txt"))
    size = 6
