"""The whole journey in the system Chromium, in Korean and in English.

Staff open a period, the company files and submits its report, staff return it once and
accept it, the dashboard changes accordingly and the export holds the same totals.
Texts are looked up in the running catalogue, so the test reads the page as users do.
"""

import io
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from aihub.outcomes.formatting import krw_english, krw_korean
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contexts(browser: Browser):
    """Browser contexts opened by the test, closed after it."""
    opened: list = []
    yield opened
    for context in opened:
        context.close()


def sign_in(browser: Browser, contexts: list, base: str, user, language: str) -> Page:
    context = browser.new_context(
        locale="ko-KR" if language == "ko" else "en-US",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/home/")
    return page


@pytest.fixture(params=["ko", "en"])
def language(request):
    """The language of the whole journey; the test reads the catalogue in it too."""
    with translation.override(request.param):
        yield request.param


def test_period_report_review_dashboard_export(
    browser: Browser, contexts, live_server, staff, owner, company, language
):
    for user in (staff, owner):
        user.language = language
        user.save(update_fields=["language"])
    base = live_server.url
    t = gettext
    period_label = pgettext("reporting period", "%(year)s") % {"year": 2025}
    status = {
        value: pgettext("outcome report status", label)
        for value, label in (("returned", "Returned"), ("accepted", "Accepted"))
    }
    revenue = 1_234_500_000
    shown = krw_korean(revenue) if language == "ko" else krw_english(revenue)

    desk = sign_in(browser, contexts, base, staff, language)
    expect(desk.locator("html")).to_have_attribute("lang", language)
    desk.goto(f"{base}/outcomes/periods/new/")
    desk.get_by_label(t("Kind")).select_option("annual")
    desk.get_by_label(t("Year")).fill("2025")
    desk.get_by_label(t("Deadline")).fill("2026-03-31")
    desk.get_by_role("button", name=t("Open the period")).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(period_label)

    firm = sign_in(browser, contexts, base, owner, language)
    firm.goto(f"{base}/outcomes/companies/{company.pk}/")
    firm.get_by_role("link", name=period_label, exact=True).click()
    firm.get_by_role("link", name=t("Fill in the report")).click()
    firm.locator("#id_revenue").fill("1000000000")
    firm.locator("#id_headcount").fill("12")
    firm.locator("#id_new_hires").fill("3")
    firm.locator("#id_young_hires").fill("2")
    firm.get_by_role("button", name=t("Save the draft")).click()
    firm.get_by_role("button", name=t("Submit for review")).click()
    expect(firm.get_by_role("status")).to_be_visible()

    desk.goto(f"{base}/outcomes/review/")
    desk.get_by_role("link", name=company.name).click()
    desk.get_by_label(t("What should the company correct?")).fill("VAT 신고서 금액과 다릅니다")
    desk.get_by_role("button", name=t("Return to the company")).click()
    expect(desk.get_by_test_id("report-status")).to_have_text(status["returned"])

    firm.reload()
    expect(firm.get_by_test_id("return-comment")).to_contain_text("VAT 신고서")
    firm.get_by_role("link", name=t("Edit the draft")).click()
    firm.locator("#id_revenue").fill(str(revenue))
    firm.get_by_role("button", name=t("Save the draft")).click()
    firm.get_by_role("button", name=t("Submit for review")).click()

    desk.goto(f"{base}/outcomes/review/")
    desk.get_by_role("link", name=company.name).click()
    desk.get_by_role("button", name=t("Accept the report")).click()
    expect(desk.get_by_test_id("report-status")).to_have_text(status["accepted"])

    desk.goto(f"{base}/outcomes/?date_from=2025-01-01&date_to=2025-12-31")
    expect(desk.get_by_test_id("total-revenue")).to_have_text(shown)
    expect(desk.get_by_test_id("total-hires")).to_have_text("3")
    expect(desk.get_by_test_id("counting-rules")).to_be_visible()
    with desk.expect_download() as download:
        desk.get_by_test_id("export-xlsx").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    summary = dict(workbook.worksheets[0].iter_rows(values_only=True))
    assert summary[t("Revenue (KRW)")] == revenue
    assert summary[t("New hires")] == 3
    assert re.fullmatch(r"hub-figures\.xlsx", download.value.suggested_filename)
