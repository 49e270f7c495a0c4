"""Slow leasing work runs in the background: the invoice run, a month's PDFs in one archive,
large invoice exports and the reminders. Each is followed on its job page."""

import io
import zipfile

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from aihub.jobs.models import Job
from aihub.leasing.models import Invoice
from aihub.leasing.tests.conftest import NOVEMBER

pytestmark = pytest.mark.django_db


def _job(kind: str) -> Job:
    return Job.objects.get(kind=kind)


def test_invoice_run_page_starts_a_job_that_issues_the_invoices(staff_client, lease, run_tasks):
    month = timezone.localdate().strftime("%Y-%m")
    response = staff_client.post(reverse("leasing:invoice_run"), {"month": month})
    job = _job("leasing.issue_invoices")
    assert response.url == job.get_absolute_url()
    assert Invoice.objects.count() == 0
    twice = staff_client.post(reverse("leasing:invoice_run"), {"month": month}, follow=True)
    assert twice.redirect_chain[-1][0] == job.get_absolute_url()
    assert Job.objects.count() == 1
    run_tasks()
    job.refresh_from_db()
    invoice = Invoice.objects.get()
    assert job.state == "succeeded"
    assert job.result["data"] == {"created": 1, "total": invoice.total}
    assert job.result["url"] == f"{reverse('leasing:invoices')}?month={month}"
    page = staff_client.get(job.get_absolute_url()).content.decode()
    assert f"{invoice.total:,}" in page


def test_invoice_pdfs_of_a_month_arrive_as_one_archive(staff_client, invoice, run_tasks):
    response = staff_client.post(
        reverse("leasing:invoice_pdfs"), {"month": "2026-11", "language": "en"}
    )
    job = _job("leasing.invoice_pdfs")
    assert response.url == job.get_absolute_url()
    run_tasks()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("succeeded", 1, 1)
    download = staff_client.get(reverse("jobs:file", kwargs={"job_id": job.pk}))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    (name,) = archive.namelist()
    assert name == f"invoice-{invoice.display_number}-en.pdf"
    assert archive.read(name).startswith(b"%PDF")


def test_invoice_pdfs_of_an_empty_month_fail_with_a_reason(staff_client, lease, run_tasks):
    staff_client.post(reverse("leasing:invoice_pdfs"), {"month": "2025-01", "language": "ko"})
    run_tasks()
    job = _job("leasing.invoice_pdfs")
    assert job.state == "failed"
    assert "2025-01" in job.error


def test_invoice_pdfs_refused_to_members(member_client, invoice):
    response = member_client.post(
        reverse("leasing:invoice_pdfs"), {"month": "2026-11", "language": "ko"}
    )
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_invoice_list_offers_the_months_pdfs_only_with_a_month(staff_client, invoice):
    plain = staff_client.get(reverse("leasing:invoices")).content.decode()
    month = staff_client.get(reverse("leasing:invoices"), {"month": "2026-11"}).content.decode()
    assert 'data-testid="invoice-pdfs"' not in plain
    assert 'data-testid="invoice-pdfs"' in month


def test_small_export_answers_at_once(staff_client, invoice):
    response = staff_client.get(reverse("leasing:invoice_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_large_export_is_written_by_a_job(staff_client, invoice, run_tasks, settings):
    settings.AIHUB_EXPORT_ROWS_IN_REQUEST = 0
    response = staff_client.get(reverse("leasing:invoice_export"), {"month": "2026-11"})
    job = _job("leasing.export_invoices")
    assert response.url == job.get_absolute_url()
    run_tasks()
    job.refresh_from_db()
    assert job.state == "succeeded"
    assert job.file.name.endswith(".xlsx")
    with job.file.open("rb") as stored:
        sheet = load_workbook(io.BytesIO(stored.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert invoice.display_number in rows[1]


def test_large_csv_export_keeps_its_format(staff_client, invoice, run_tasks, settings):
    settings.AIHUB_EXPORT_ROWS_IN_REQUEST = 0
    staff_client.get(reverse("leasing:invoice_export"), {"format": "csv"})
    run_tasks()
    job = _job("leasing.export_invoices")
    with job.file.open("rb") as stored:
        content = stored.read()
    assert job.file.name.endswith(".csv")
    assert content.startswith("\ufeff".encode())


def test_reminders_now_queue_the_overdue_reminder(staff_client, staff, owner, invoice, run_tasks):
    Invoice.objects.filter(pk=invoice.pk).update(due_on=NOVEMBER)
    response = staff_client.post(reverse("leasing:send_reminders"))
    job = _job("leasing.send_reminders")
    assert response.url == job.get_absolute_url()
    run_tasks()
    job.refresh_from_db()
    assert job.state == "succeeded"
    overdue = [m for m in mail.outbox if str(invoice) in m.subject]
    assert sorted(m.to[0] for m in overdue) == sorted([staff.email, owner.email])
