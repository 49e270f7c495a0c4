"""The demo-day journey in the system Chromium, in Korean and in English.

Staff set up the demo day and invite, an investor and a startup record interests, staff run
the scheduler and publish, each sees their agenda; a cancellation re-plans. Elements are found
by names and test ids; expected texts are read through gettext in the page's language.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from aihub.events import demoday
from aihub.events.enums import DemoDayStatus, EventKind, Side
from aihub.events.models import DemoDay, DemoDayInvestor, DemoDayStartup, Meeting
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username], input[name=email]").first.fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base}/home/")


@pytest.mark.parametrize("language", ["ko", "en"])
def test_demo_day_journey(
    page: Page,
    live_server,
    background_worker,
    make_event,
    staff,
    investor,
    other_investor,
    owner,
    company,
    language,
):
    for user in (staff, investor, owner):
        user.language = language
        user.save(update_fields=["language"])
    base = live_server.url
    event = make_event(capacity=50, kind=EventKind.DEMO_DAY, title="데모데이")

    sign_in(page, base, staff.email)
    page.goto(f"{base}/events/{event.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_test_id("demoday-manage").click()
    page.locator("input[name=slots]").fill("2")
    page.locator("input[name=tables]").fill("1")
    page.locator("button[name=save_setup]").click()
    demo_day = DemoDay.objects.get(event=event)
    assert (demo_day.slots, demo_day.tables) == (2, 1)
    for user in (investor, other_investor):
        page.locator("select[name=user]").select_option(str(user.pk))
        page.locator("button[name=invite_investor]").click()
        expect(page.get_by_role("status")).to_be_visible()
    page.locator("select[name=company]").select_option(str(company.pk))
    page.locator("button[name=invite_startup]").click()
    expect(page.get_by_test_id("startup-seat")).to_have_count(1)
    seat_a = DemoDayInvestor.objects.get(user=investor)
    seat_b = DemoDayInvestor.objects.get(user=other_investor)
    startup = DemoDayStartup.objects.get(company=company)
    demoday.mark_interest(investor=seat_b, startup=startup, side=Side.INVESTOR, score=2, actor=None)

    sign_in(page, base, investor.email)
    page.goto(f"{base}/events/mine/")
    page.get_by_test_id("interests-link").click()
    card = page.get_by_test_id("counterpart")
    card.locator("select[name=score]").select_option("5")
    card.locator("input[name=reason]").fill("AI vision")
    card.locator("button[name=mark]").click()
    with translation.override(language):
        expect(page.get_by_test_id("mark")).to_have_text(
            gettext("Your score: %(score)s") % {"score": 5}
        )

    sign_in(page, base, owner.email)
    page.goto(f"{base}/events/{event.pk}/demoday/companies/{company.pk}/interests/")
    for seat, score in ((seat_a, "4"), (seat_b, "3")):
        form = page.locator(f"form:has(input[name=other][value='{seat.pk}'])")
        form.locator("select[name=score]").select_option(score)
        form.locator("button[name=mark]").click()
    expect(page.get_by_test_id("mark")).to_have_count(2)

    sign_in(page, base, staff.email)
    page.goto(f"{base}/events/{event.pk}/demoday/schedule/")
    page.locator("button[name=action][value=run]").click()
    expect(page.get_by_test_id("job-result")).to_be_visible(timeout=30_000)
    page.get_by_test_id("job-link").click()
    expect(page.get_by_test_id("meeting")).to_have_count(2)
    expect(page.get_by_test_id("objective")).to_have_text(str(100 + 9 + 5))
    expect(page.get_by_test_id("upper-bound")).to_have_text(str(100 + 9 + 5))
    page.locator("button[name=action][value=publish]").click()
    with translation.override(language):
        expect(page.get_by_test_id("schedule-status")).to_have_text(
            str(DemoDayStatus.PUBLISHED.label)
        )

    sign_in(page, base, investor.email)
    page.goto(f"{base}/events/mine/")
    page.get_by_test_id("agenda-link").click()
    expect(page.get_by_test_id("agenda-row")).to_have_count(1)
    expect(page.get_by_test_id("agenda-row")).to_contain_text(
        company.name_en if language == "en" else company.name_ko
    )

    sign_in(page, base, owner.email)
    agenda = f"{base}/events/{event.pk}/demoday/companies/{company.pk}/agenda/"
    page.goto(agenda)
    expect(page.get_by_test_id("agenda-row")).to_have_count(2)

    sign_in(page, base, staff.email)
    page.goto(f"{base}/events/{event.pk}/demoday/investors/{seat_b.pk}/agenda/")
    page.locator("button[name=withdraw]").click()
    expect(page.get_by_test_id("job-result")).to_be_visible(timeout=30_000)
    assert list(Meeting.objects.values_list("investor_id", flat=True)) == [seat_a.pk]

    sign_in(page, base, owner.email)
    page.goto(agenda)
    expect(page.get_by_test_id("agenda-row")).to_have_count(1)
