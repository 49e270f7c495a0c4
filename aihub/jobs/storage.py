"""Files that jobs make (exports, PDF archives): kept outside the public media folder and
handed out only by the job's download view, to the person who started the job."""

from functools import lru_cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage


@lru_cache(maxsize=4)
def _storage(location: str) -> FileSystemStorage:
    return FileSystemStorage(location=location, base_url=None)


def private_storage() -> FileSystemStorage:
    """The storage under ``AIHUB_PRIVATE_ROOT`` (a callable, so migrations keep no path)."""
    return _storage(str(settings.AIHUB_PRIVATE_ROOT))


def job_file_path(instance: object, filename: str) -> str:
    return f"jobs/{instance.pk}/{filename}"
