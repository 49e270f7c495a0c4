"""Leasing journeys in the system Chromium, in Korean and in English.

Elements are found by field names and test ids, so the journeys hold in either language;
the language is checked on the page's ``lang`` attribute.
"""

import datetime

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from aihub.leasing.enums import InvoiceStatus
from aihub.leasing.models import Invoice, Lease
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username], input[name=email]").first.fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base}/home/")


def _fill_lease(page: Page, *, company, office, starts_on: str, ends_on: str) -> None:
    page.locator("select[name=company]").select_option(str(company.pk))
    page.locator("select[name=basis]").select_option("per_m2")
    page.locator("select[name=space]").select_option(str(office.pk))
    page.locator("input[name=starts_on]").fill(starts_on)
    page.locator("input[name=ends_on]").fill(ends_on)
    page.locator("form.wide-form button[type=submit]").click()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_staff_leases_invoices_and_records_payment(
    page: Page,
    live_server,
    background_worker,
    staff,
    company,
    other_company,
    office,
    prices,
    language,
):
    staff.language = language
    staff.save(update_fields=["language"])
    base = live_server.url
    sign_in(page, base, staff.email)

    page.goto(f"{base}/leasing/leases/new/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    _fill_lease(page, company=company, office=office, starts_on="2026-01-01", ends_on="2027-12-31")
    lease = Lease.objects.get()
    expect(page).to_have_url(f"{base}/leasing/companies/{company.pk}/leases/{lease.pk}/")
    with translation.override(language):
        status = str(lease.get_status_display())
    expect(page.get_by_test_id("lease-status")).to_have_text(status)

    page.goto(f"{base}/leasing/leases/new/")
    _fill_lease(
        page, company=other_company, office=office, starts_on="2026-06-01", ends_on="2026-06-30"
    )
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator(".has-error select[name=space]")).to_be_visible()
    assert Lease.objects.count() == 1

    page.goto(f"{base}/leasing/invoices/run/")
    page.locator("input[name=month]").fill(timezone.localdate().strftime("%Y-%m"))
    page.locator("form.wide-form button[type=submit]").click()
    expect(page.get_by_test_id("job-result")).to_be_visible(timeout=30_000)
    page.get_by_test_id("job-link").click()
    expect(page.get_by_test_id("result-count")).to_contain_text("1")
    invoice = Invoice.objects.get()
    page.get_by_role("link", name=invoice.display_number).click()
    expect(page.get_by_test_id("invoice-total")).to_have_text(f"{invoice.total:,}")

    page.locator("input[name=amount]").fill(str(invoice.total))
    page.locator("input[name=paid_on]").fill(datetime.date.today().isoformat())
    page.locator("form[action$='/payments/'] button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_test_id("invoice-balance")).to_have_text("0")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID


@pytest.mark.parametrize("language", ["ko", "en"])
def test_company_downloads_invoice_pdf_and_is_refused_another(
    page: Page, live_server, member, invoice, other_company, language
):
    member.language = language
    member.save(update_fields=["language"])
    base = live_server.url
    sign_in(page, base, member.email)
    page.goto(f"{base}/leasing/mine/")
    expect(page).to_have_url(f"{base}/leasing/companies/{invoice.company_id}/")
    page.get_by_role("link", name=invoice.display_number).click()
    with page.expect_download() as download:
        page.get_by_test_id(f"pdf-{language}").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename == f"invoice-{invoice.display_number}-{language}.pdf"

    response = page.goto(f"{base}/leasing/companies/{other_company.pk}/")
    assert response.status == 404
