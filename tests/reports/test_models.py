"""Constraints and names of report templates and drafts."""

import pytest
from django.db import IntegrityError, transaction

from apps.reports.enums import DraftStatus

from .factories import DoneDraftFactory, ReportDraftFactory, ReportTemplateFactory

pytestmark = pytest.mark.django_db


def test_report_draft_same_key_twice_is_refused():
    draft = ReportDraftFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReportDraftFactory(
            meeting=draft.meeting,
            kind=draft.kind,
            lang=draft.lang,
            fmt=draft.fmt,
            template_version=draft.template_version,
            data_hash=draft.data_hash,
        )


def test_report_draft_other_data_hash_is_another_draft():
    draft = ReportDraftFactory(data_hash="a" * 64)

    other = ReportDraftFactory(meeting=draft.meeting, data_hash="b" * 64)

    assert other.pk != draft.pk


def test_report_draft_done_without_file_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportDraftFactory(status=DraftStatus.DONE)


def test_report_draft_done_with_file_is_stored():
    draft = DoneDraftFactory()

    assert draft.file.read() == b"draft\n"


def test_report_draft_download_name_uses_the_symbol():
    draft = ReportDraftFactory(symbol="BWC/MSP/2020/MX.5/CRP.1", lang="zh", fmt="docx")

    assert draft.download_name == "BWC-MSP-2020-MX.5-CRP.1-zh.docx"


def test_report_draft_str_names_meeting_kind_language_and_format():
    draft = ReportDraftFactory(meeting__series="BWC/MSP/2030/MX.9", fmt="pdf")

    assert str(draft) == f"BWC/MSP/2030/MX.9 Procedural report (en, pdf) #{draft.pk}"


def test_report_template_second_for_same_report_is_refused():
    template = ReportTemplateFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReportTemplateFactory(meeting=template.meeting, kind=template.kind, lang=template.lang)


def test_report_template_version_name_holds_meeting_and_version():
    template = ReportTemplateFactory(version=4)

    assert template.template_version == f"meeting:{template.meeting_id}:v4"
    assert str(template) == f"{template.meeting.series} Procedural report (en) v4"
