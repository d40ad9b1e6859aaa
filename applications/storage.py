"""Where CVs live: a folder outside the public media root, read only by the download view."""

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateStorage(FileSystemStorage):
    """A file system storage under ``PRIVATE_MEDIA_ROOT`` with no public URL at all.

    The location is read from settings on each use, so tests can point it at a scratch folder.
    """

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise NotImplementedError("Private files have no URL; use the download view.")


def private_storage():
    return storages["private"]


def random_cv_name(instance, filename):
    """A random name that says nothing about the applicant; only the extension is kept, and it
    is the one the content check found (see files.py), not the one the applicant gave."""
    extension = getattr(instance, "cv_kind", "") or "bin"
    return f"cv/{secrets.token_hex(16)}.{extension}"
