"""Checks shared by the model, the API and the admin for a document's attached file."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

# Accepted types, each with the bytes its files start with (the extension alone proves nothing).
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


def validate_document_file(upload: File) -> None:
    limit = settings.DOCUMENT_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": upload.size, "limit": limit},
            code="file_too_large",
        )
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError(
            _("Files of type '%(suffix)s' are not accepted; send one of: %(allowed)s.")
            % {"suffix": suffix or _("(none)"), "allowed": ", ".join(sorted(SIGNATURES))},
            code="file_type",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        raise ValidationError(
            _("The file's content is not a %(suffix)s file.") % {"suffix": suffix},
            code="file_content",
        )
