"""Staff change a room's rule in the system Chromium, in Korean and in English, and a
member's next booking of the room then waits for approval.

Elements are found by field names and test ids; expected texts are read through gettext in
the page's language, so the journey holds before and after the catalogue merge.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from aihub.bookings.enums import BookingStatus
from aihub.bookings.models import BookableRoom, Booking
from aihub.bookings.tests.test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_staff_require_approval_then_member_booking_waits(
    page: Page, live_server, staff, member, company, room, day, language
):
    for user in (staff, member):
        user.language = language
        user.save(update_fields=["language"])
    base = live_server.url
    sign_in(page, base, staff.email)

    page.goto(f"{base}/bookings/approvals/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_test_id("room-setup-link").click()
    expect(page.get_by_test_id(f"space-{room.space_id}")).to_have_attribute(
        "data-state", "bookable"
    )
    page.get_by_test_id(f"edit-room-{room.pk}").click()

    form = page.get_by_test_id("room-form")
    form.locator("input[name=closes_at]").fill("07:00")
    form.locator("input[name=approval_required]").check()
    form.get_by_test_id("save-room").click()
    with translation.override(language):
        refusal = gettext("The room must close after it opens.")
    expect(page.get_by_test_id("field-closes_at")).to_contain_text(refusal)
    assert BookableRoom.objects.get(pk=room.pk).approval_required is False

    form.locator("input[name=closes_at]").fill("22:00")
    form.locator("input[name=approval_required]").check()
    form.get_by_test_id("save-room").click()
    expect(page.locator(".form-errors")).to_have_count(0)
    expect(
        page.get_by_test_id("room-form").locator("input[name=approval_required]")
    ).to_be_checked()
    assert BookableRoom.objects.get(pk=room.pk).approval_required is True

    second = page.context.browser.new_context(locale=f"{language}-KR")
    other = second.new_page()
    try:
        sign_in(other, base, member.email)
        other.goto(
            f"{base}/bookings/rooms/{room.pk}/?view=day&date={day.isoformat()}"
            f"&start={day.isoformat()}T10:00:00%2B09:00"
        )
        booking_form = other.get_by_test_id("booking-form")
        booking_form.locator("input[name=end]").fill("11:00")
        booking_form.locator("input[name=title]").fill("Team sync")
        booking_form.get_by_test_id("book").click()
        expect(other.get_by_test_id("booking-status")).to_have_attribute("data-status", "pending")
        with translation.override(language):
            expected = str(BookingStatus.PENDING.label)
        expect(other.get_by_test_id("booking-status")).to_have_text(expected)
    finally:
        second.close()
    assert Booking.objects.get().status == BookingStatus.PENDING
