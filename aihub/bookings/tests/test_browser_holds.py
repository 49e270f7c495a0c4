"""A demo day held in a meeting room, in the system Chromium, in Korean and in English: staff
put it in the room through the event form; the room's calendar then shows it as busy to a
member, whose booking of that hour is refused with the time it is taken."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from aihub.bookings.models import Booking
from aihub.bookings.tests.test_browser import sign_in
from aihub.events.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_demo_day_in_a_meeting_room_makes_it_busy_for_members(
    page: Page, live_server, staff, member, company, room, day, language
):
    for user in (staff, member):
        user.language = language
        user.save(update_fields=["language"])
    base = live_server.url

    sign_in(page, base, staff.email)
    page.goto(f"{base}/events/new/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("select[name=kind]").select_option("demo_day")
    page.locator("input[name=title_ko]").fill("가을 데모데이")
    page.locator("input[name=title_en]").fill("Autumn demo day")
    page.locator("select[name=space]").select_option(str(room.space_id))
    page.locator("input[name=starts_at]").fill(f"{day.isoformat()}T14:00")
    page.locator("input[name=ends_at]").fill(f"{day.isoformat()}T17:00")
    page.locator("input[name=capacity]").fill("40")
    page.locator("button[name=save]").click()
    event = Event.objects.get()
    expect(page).to_have_url(f"{base}/events/{event.pk}/")

    page.goto(f"{base}/bookings/rooms/{room.pk}/?date={day.isoformat()}")
    slot = page.get_by_test_id(f"slot-{room.pk}-{day:%Y%m%d}-1400")
    expect(slot).to_have_attribute("data-state", "use")
    expect(slot).to_contain_text("가을 데모데이" if language == "ko" else "Autumn demo day")

    page.context.clear_cookies()
    sign_in(page, base, member.email)
    page.goto(f"{base}/bookings/rooms/{room.pk}/?date={day.isoformat()}")
    busy = page.get_by_test_id(f"slot-{room.pk}-{day:%Y%m%d}-1400")
    expect(busy).to_have_attribute("data-state", "busy")
    expect(page.get_by_text("가을 데모데이")).to_have_count(0)
    expect(page.get_by_text("Autumn demo day")).to_have_count(0)

    page.goto(
        f"{base}/bookings/rooms/{room.pk}/?date={day.isoformat()}"
        f"&start={day.isoformat()}T15:00:00%2B09:00"
    )
    form = page.get_by_test_id("booking-form")
    form.locator("input[name=end]").fill("16:00")
    form.locator("input[name=title]").fill("Weekly sync")
    form.get_by_test_id("book").click()
    with translation.override(language):
        refusal = gettext("The room is already booked from %(start)s to %(end)s.")
    expect(page.get_by_role("alert").first).to_contain_text(refusal.split("%(start)s")[0].strip())
    expect(page.get_by_role("alert").first).to_contain_text("17:00")
    assert not Booking.objects.exists()
