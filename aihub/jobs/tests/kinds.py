"""Job kinds used only by the tests of the jobs app."""

from django.db import transaction

from aihub.core.errors import NotFound
from aihub.jobs.registry import JobResult, job_kind
from aihub.partners.models import Partner


@job_kind("tests.rename_partner", label="Rename a partner")
def rename_partner(*, job, progress, partner_pk: int, name: str, fail_after_write: bool = False):
    """Counts to three with progress, then renames in one transaction; may fail after writing."""
    progress.update(total=3, message="counting")
    for step in range(3):
        progress.update(done=step + 1)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().filter(pk=partner_pk).first()
        if partner is None:
            raise NotFound("The partner no longer exists.")
        partner.name_en = name
        partner.save(update_fields=["name_en"])
        if fail_after_write:
            raise RuntimeError("boom")
    return JobResult(message=f"Renamed to {name}.", url="/partners/", link_label="Partners")


@job_kind("tests.make_file", label="Make a file")
def make_file(*, job, progress):
    return JobResult(message="Made.", file=("report.csv", b"a,b\n1,2\n"))
