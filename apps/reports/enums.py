from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    PROCEDURAL_REPORT = "procedural_report", _("Procedural report")
    PARTICIPANTS_LIST = "participants_list", _("List of participants")
    PROVISIONAL_AGENDA = "provisional_agenda", _("Provisional agenda")


class DraftFormat(models.TextChoices):
    """The file formats a draft is built in; the value is also the file's extension."""

    DOCX = "docx", _("Word (DOCX)")
    PDF = "pdf", _("PDF")
    HTML = "html", _("HTML preview")
    TXT = "txt", _("Plain text")


class DraftStatus(models.TextChoices):
    """A draft's job: queued → building (data and template) → rendering (the file) → done,
    or failed from any of them with the error."""

    QUEUED = "queued", _("Queued")
    BUILDING = "building", _("Building")
    RENDERING = "rendering", _("Rendering")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# A draft in one of these is being worked on; a worker that dies leaves it here (see services).
IN_PROGRESS: frozenset[str] = frozenset(
    {DraftStatus.QUEUED, DraftStatus.BUILDING, DraftStatus.RENDERING}
)
# Languages drafts are built in (the seeds' languages; the templates exist for these).
DRAFT_LANGUAGES: tuple[str, ...] = ("en", "zh")
