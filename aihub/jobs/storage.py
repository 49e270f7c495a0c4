"""Files that jobs make (exports, PDF archives): kept outside the public media folder and
handed out only by the job's download view, to the person who started the job."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.AIHUB_PRIVATE_ROOT, base_url=None)


private_storage = _PrivateStorage()


def job_file_path(instance: object, filename: str) -> str:
    return f"jobs/{instance.pk}/{filename}"
