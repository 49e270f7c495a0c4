"""The matching journey in the system Chromium, in Korean and in English.

Elements are found by field names and test ids; expected texts are read through gettext
in the page's language, so the journey holds before and after the catalogue merge.
"""

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from aihub.matching.enums import MatchStatus
from aihub.matching.models import Demand, Match
from aihub.matching.tests.helpers import KO_TEXT, KO_TITLE, expert_mila, next_office_slot
from aihub.matching.tests.helpers import researcher as make_researcher
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username], input[name=email]").first.fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base}/home/")


def label(status: MatchStatus, language: str) -> str:
    with translation.override(language):
        return str(status.label)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_korean_problem_matched_accepted_booked_and_solved(
    page: Page, live_server, staff, owner, company, make_user, language
):
    researcher = make_researcher(make_user, language=language)
    for user in (staff, owner):
        user.language = language
        user.save(update_fields=["language"])
    mila = expert_mila(user=researcher)
    base = live_server.url

    sign_in(page, base, owner.email)
    page.goto(f"{base}/matching/companies/{company.pk}/demands/new/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("input[name=title]").fill(KO_TITLE)
    page.locator("textarea[name=description_ko]").fill(KO_TEXT)
    page.locator("input[name=tags]").fill("자연어처리")
    page.locator("select[name=help_kind]").select_option("research_partner")
    page.locator("button[name=post_demand]").click()
    demand = Demand.objects.get()
    demand_url = f"{base}/matching/companies/{company.pk}/demands/{demand.pk}/"
    expect(page).to_have_url(demand_url)

    sign_in(page, base, staff.email)
    page.goto(demand_url)
    page.locator("button[name=propose]").click()
    card = page.get_by_test_id(f"match-{mila.pk}")
    expect(card.get_by_test_id("languages")).to_have_text("en")
    expect(card.get_by_test_id("reasons")).to_contain_text("Natural language processing")
    expect(card.get_by_test_id("reasons")).to_contain_text("자연어처리")
    card.locator("button[name=approve]").click()
    expect(card.get_by_test_id("status")).to_have_text(label(MatchStatus.APPROVED, language))

    sign_in(page, base, researcher.email)
    page.goto(demand_url)
    card.locator("button[name=accept]").click()
    expect(card.get_by_test_id("status")).to_have_text(label(MatchStatus.ACCEPTED, language))

    sign_in(page, base, owner.email)
    page.goto(demand_url)
    match = Match.objects.get(expert=mila)
    card.get_by_test_id(f"book-{match.pk}").click()
    page.locator("input[name=starts_at]").fill(next_office_slot().strftime("%Y-%m-%dT%H:%M"))
    page.locator("select[name=minutes]").select_option("60")
    page.locator("select[name=mode]").select_option("online")
    page.locator("button[name=book_session]").click()
    expect(page).to_have_url(demand_url)
    expect(card.get_by_test_id("session")).to_have_count(1)

    card.locator("textarea[name=outcome_note]").fill("챗봇 시범 서비스를 출시했습니다.")
    card.locator("button[name=solved]").click()
    expect(card.get_by_test_id("status")).to_have_text(label(MatchStatus.SOLVED, language))
    match.refresh_from_db()
    assert match.status == MatchStatus.SOLVED
