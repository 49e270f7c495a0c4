"""The "Done when" journeys in the system Chromium, in Korean and in English.

Elements are found by field names and test ids, so the journeys hold in either language;
the language is checked on the page's ``lang`` attribute.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from aihub.bookings.enums import BookingStatus
from aihub.bookings.models import Booking
from aihub.companies import services as company_services
from aihub.companies.enums import MemberRole
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username], input[name=email]").first.fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base}/home/")


def _fill_booking(page: Page, title: str) -> None:
    form = page.get_by_test_id("booking-form")
    form.locator("input[name=end]").fill("11:00")
    form.locator("input[name=title]").fill(title)
    form.get_by_test_id("book").click()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_member_finds_books_sees_and_cancels_second_member_refused(
    page: Page, live_server, member, company, make_user, room, day, language
):
    member.language = language
    member.save(update_fields=["language"])
    base = live_server.url
    sign_in(page, base, member.email)

    page.goto(f"{base}/bookings/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    search = page.get_by_test_id("room-search")
    search.locator("input[name=day]").fill(day.isoformat())
    search.locator("input[name=start]").fill("10:00")
    search.locator("select[name=duration]").select_option("60")
    search.locator("input[name=capacity]").fill("4")
    search.locator("button[type=submit]").click()
    expect(page.get_by_test_id("free-room")).to_have_count(1)
    page.get_by_test_id("book-free-room").click()
    _fill_booking(page, "Design review")
    expect(page).to_have_url(re.compile(rf"/bookings/companies/{company.pk}/\d+/$"))
    booking = Booking.objects.get()
    expect(page).to_have_url(f"{base}/bookings/companies/{company.pk}/{booking.pk}/")
    expect(page.get_by_test_id("booking-status")).to_have_attribute("data-status", "confirmed")

    page.goto(f"{base}/bookings/rooms/{room.pk}/?view=day&date={day.isoformat()}")
    expect(page.get_by_test_id("own-booking")).to_contain_text("Design review")
    page.get_by_test_id("calendar-next").click()
    expect(page.get_by_test_id("own-booking")).to_have_count(0)
    page.get_by_test_id("calendar-previous").click()
    expect(page.get_by_test_id("own-booking")).to_have_count(1)

    colleague = make_user("second@alpha.example", language=language)
    company_services.add_member(company=company, user=colleague, role=MemberRole.MEMBER, actor=None)
    second = page.context.browser.new_context(locale=f"{language}-KR")
    other = second.new_page()
    try:
        sign_in(other, base, colleague.email)
        other.goto(
            f"{base}/bookings/rooms/{room.pk}/?view=day&date={day.isoformat()}"
            f"&start={day.isoformat()}T10:00:00%2B09:00"
        )
        _fill_booking(other, "Clash")
        expect(other.get_by_role("alert")).to_contain_text(f"{day.isoformat()} 10:00")
        assert Booking.objects.count() == 1
    finally:
        second.close()

    page.goto(f"{base}/bookings/companies/{company.pk}/{booking.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("cancel-booking").click()
    expect(page.get_by_test_id("booking-status")).to_have_attribute("data-status", "cancelled")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


@pytest.mark.parametrize("language", ["ko", "en"])
def test_staff_approves_room_that_needs_approval(
    page: Page, live_server, staff, member, company, make_room, day, language
):
    from aihub.bookings import services
    from aihub.bookings.tests.conftest import slot

    hall = make_room("B1-HALL", approval_required=True)
    starts_at, ends_at = slot(day, "14:00", "16:00")
    booking = services.book_room(
        room=hall,
        starts_at=starts_at,
        ends_at=ends_at,
        title="데모데이",
        actor=member,
        company=company,
    )
    assert booking.status == BookingStatus.PENDING
    staff.language = language
    staff.save(update_fields=["language"])
    base = live_server.url
    sign_in(page, base, staff.email)
    page.goto(f"{base}/bookings/approvals/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_test_id(f"approve-{booking.pk}").click()
    with translation.override(language):
        expected = str(BookingStatus.CONFIRMED.label)
    expect(page.get_by_test_id(f"pending-{booking.pk}")).to_have_count(0)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    page.goto(f"{base}/bookings/companies/{company.pk}/{booking.pk}/")
    expect(page.get_by_test_id("booking-status")).to_have_text(expected)
