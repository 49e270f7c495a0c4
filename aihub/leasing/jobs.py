"""Background jobs of the leasing app: the monthly invoice run, a month's invoice PDFs in
one archive, invoice exports beyond 1,000 rows, and the lease and invoice reminders."""

import datetime
import io
import zipfile

from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from aihub.core.errors import Conflict, PermissionDenied
from aihub.jobs.exports import export_result
from aihub.jobs.registry import JobResult, job_kind
from aihub.leasing import queries, services
from aihub.leasing.exports import invoice_headers, invoice_rows
from aihub.leasing.forms import invoice_filters
from aihub.leasing.pdf import FontMissing, invoice_pdf


def _month(value: str) -> datetime.date:
    return datetime.date.fromisoformat(f"{value}-01")


def _won(amount: int) -> str:
    return f"{amount:,}"


@job_kind("leasing.issue_invoices", label=gettext_lazy("Issue the month's invoices"))
def issue_invoices(*, job, progress, month: str) -> JobResult:
    """The monthly invoice run as staff start it; a second run of a month creates nothing."""
    first = _month(month)
    progress.update(message=_("Issuing the invoices of %(month)s") % {"month": month})
    created = services.issue_invoices(month=first, actor=job.started_by)
    total = sum(invoice.total for invoice in created)
    return JobResult(
        message=ngettext(
            "%(count)s invoice was issued for %(month)s, %(total)s KRW in all.",
            "%(count)s invoices were issued for %(month)s, %(total)s KRW in all.",
            len(created),
        )
        % {"count": len(created), "month": month, "total": _won(total)},
        url=f"{reverse('leasing:invoices')}?month={month}",
        link_label=_("See the invoices"),
        data={"created": len(created), "total": total},
    )


@job_kind("leasing.invoice_pdfs", label=gettext_lazy("Make the month's invoice PDFs"))
def invoice_pdfs(*, job, progress, month: str, language: str) -> JobResult:
    """Every invoice of the month as a PDF, in one ZIP archive, for the person who asked."""
    user = job.started_by
    if user is None or not user.has_perm("leasing.export"):
        raise PermissionDenied()
    filters = queries.InvoiceFilters(month=_month(month))
    invoices = list(queries.invoices_for_user(user=user, filters=filters))
    if not invoices:
        raise Conflict(_("There are no invoices for %(month)s.") % {"month": month})
    progress.update(done=0, total=len(invoices), message=_("Drawing the invoices"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, invoice in enumerate(invoices, start=1):
            try:
                content = invoice_pdf(invoice, language=language)
            except FontMissing as error:
                raise Conflict(str(error)) from error
            archive.writestr(f"invoice-{invoice.display_number}-{language}.pdf", content)
            progress.update(done=done)
    with translation.override(job.language):
        message = ngettext(
            "%(count)s invoice PDF of %(month)s is ready in one archive.",
            "%(count)s invoice PDFs of %(month)s are ready in one archive.",
            len(invoices),
        ) % {"count": len(invoices), "month": month}
    return JobResult(message=message, file=(f"invoices-{month}-{language}.zip", buffer.getvalue()))


@job_kind("leasing.export_invoices", label=gettext_lazy("Export invoices"))
def export_invoices(*, job, progress, query: str) -> JobResult:
    user = job.started_by
    if user is None or not user.has_perm("leasing.export"):
        raise PermissionDenied()
    data = QueryDict(query)
    _form, filters = invoice_filters(data)
    invoices = queries.invoices_for_user(user=user, filters=filters)
    return export_result(
        progress=progress,
        total=invoices.count(),
        name="invoices",
        fmt=data.get("format") or "xlsx",
        sheet=_("Invoices"),
        headers=invoice_headers(),
        rows=invoice_rows(invoices),
    )


@job_kind("leasing.send_reminders", label=gettext_lazy("Send the leasing reminders"))
def send_leasing_reminders(*, job, progress) -> JobResult:
    """Bring lease statuses up to date, then queue the reminders of leases ending within 30
    days and of overdue invoices (each reminder once)."""
    progress.update(done=0, total=3, message=_("Bringing lease statuses up to date"))
    changed = services.sync_lease_statuses()
    progress.update(done=1, message=_("Leases ending soon"))
    ending = services.send_lease_ending_reminders()
    progress.update(done=2, message=_("Overdue invoices"))
    overdue = services.send_overdue_reminders()
    return JobResult(
        message=_(
            "%(changed)s lease statuses updated; %(ending)s lease-ending and %(overdue)s "
            "overdue reminders queued."
        )
        % {"changed": changed, "ending": ending, "overdue": overdue},
        url=reverse("outbox:list"),
        link_label=_("See them in the mail outbox"),
    )
