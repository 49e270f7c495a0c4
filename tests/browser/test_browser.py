"""End-to-end journeys in the system Chromium against the live app."""

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("이메일 주소").fill(email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page).to_have_url(f"{base}/home/")


def test_staff_switches_language_searches_and_opens_company(
    page: Page, live_server, staff, company, other_company
):
    sign_in(page, live_server.url, staff.email)
    expect(page.get_by_role("heading", name="소속 기업 현황")).to_be_visible()
    page.get_by_test_id("language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Companies today")).to_be_visible()
    page.get_by_test_id("language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")

    page.get_by_role("navigation", name="주 메뉴").get_by_role(
        "link", name="기업", exact=True
    ).click()
    expect(page.get_by_test_id("result-count")).to_contain_text("2")
    page.get_by_role("searchbox", name="검색").fill("베타")
    expect(page.get_by_test_id("result-count")).to_contain_text("1")
    expect(page).to_have_url(re.compile(r"/companies/\?q=%EB%B2%A0%ED%83%80"))
    page.get_by_role("link", name="베타로보틱스").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("베타로보틱스")
    expect(page.get_by_role("heading", name="변경 이력")).to_be_visible()


def test_member_edits_own_company_and_is_refused_another(
    page: Page, live_server, member, company, other_company
):
    sign_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/companies/{company.pk}/edit/")
    headcount = page.get_by_label("임직원 수")
    headcount.fill("37")
    headcount.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("저장")
    expect(page.get_by_role("heading", level=1)).to_have_text(company.name_ko)
    company.refresh_from_db()
    assert company.headcount == 37

    response = page.goto(f"{live_server.url}/companies/{other_company.pk}/edit/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("찾을 수 없음")


def test_edit_form_ties_errors_to_fields(page: Page, live_server, member, company):
    sign_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/companies/{company.pk}/edit/")
    number = page.get_by_label("사업자등록번호")
    number.fill("220-81-62518")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_role("alert")).to_be_visible()
    number = page.get_by_label("사업자등록번호")
    expect(number).to_have_attribute("aria-invalid", "true")
    described = number.get_attribute("aria-describedby") or ""
    error_text = " ".join(page.locator(f"#{ident}").inner_text() for ident in described.split())
    assert "검증" in error_text or "유효" in error_text
