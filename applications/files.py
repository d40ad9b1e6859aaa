"""What a CV may be: a PDF or a Word (DOCX) file of at most 5 MB, judged by its content.

The name and the browser's content type are ignored: a renamed executable is refused, and a DOCX,
being a zip archive, is opened to check that it holds a Word document and that it does not expand
into something huge (a zip bomb).
"""

import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF = "pdf"
DOCX = "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# A real CV expands to a few megabytes at most; Word's own compression stays well under 1:100.
MAX_EXPANDED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 1000
_DOCX_REQUIRED = {"[Content_Types].xml", "word/document.xml"}

INVALID_TYPE = _("The CV must be a PDF or a Word (DOCX) file.")
_ZIP_BOMB = _("This DOCX file expands to far more than a CV could; it was refused.")
_CHUNK = 64 * 1024


def _head(upload, size=8):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _check_docx(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if not names >= _DOCX_REQUIRED:
                raise ValidationError(INVALID_TYPE, code="cv_type")
            if len(members) > MAX_MEMBERS:
                raise ValidationError(INVALID_TYPE, code="cv_type")
            if any(member.flag_bits & 0x1 for member in members):  # encrypted
                raise ValidationError(INVALID_TYPE, code="cv_type")
            # The sizes a zip declares can lie, so each part is really inflated, with a cap.
            compressed = upload.size or 1
            expanded = 0
            for member in members:
                with archive.open(member) as part:
                    while chunk := part.read(_CHUNK):
                        expanded += len(chunk)
                        if expanded > MAX_EXPANDED_BYTES or expanded > MAX_RATIO * compressed:
                            raise ValidationError(_ZIP_BOMB, code="cv_zip_bomb")
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, zlib.error) as error:
        # A damaged archive, or one compressed with a method Word never uses.
        raise ValidationError(INVALID_TYPE, code="cv_type") from error
    finally:
        upload.seek(0)


def check_cv(upload) -> str:
    """Return ``"pdf"`` or ``"docx"`` for an acceptable upload; raise ValidationError otherwise."""
    if upload.size > settings.APPLICATION_CV_MAX_BYTES:
        raise ValidationError(_("The CV may be at most 5 MB."), code="cv_size")
    if upload.size == 0:
        raise ValidationError(_("The CV file is empty."), code="cv_empty")
    head = _head(upload)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        _check_docx(upload)
        return DOCX
    raise ValidationError(INVALID_TYPE, code="cv_type")
