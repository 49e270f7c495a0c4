"""The platform's journeys in the system Chromium, in Korean and in English: staff start the
demo-day scheduler and watch its progress bar reach the result; staff find a mail the server
refused in the outbox and send it again. A real database worker runs beside the live server;
mail goes to a real SMTP server on loopback."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import Page, expect

from aihub.accounts.enums import Role
from aihub.events import demoday
from aihub.events import services as event_services
from aihub.events.enums import EventKind, Side
from aihub.events.models import Meeting
from aihub.jobs.models import Job
from aihub.outbox.enums import MailState
from aihub.outbox.models import Mail
from aihub.outbox.tests.smtp import smtp_sink
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base}/home/")


@pytest.fixture
def scheduled_day(staff, make_user, company, other_company):
    import datetime

    from django.utils import timezone

    start = (timezone.localtime() + datetime.timedelta(days=20)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    event = event_services.create_event(
        kind=EventKind.DEMO_DAY,
        title_ko="데모데이",
        title_en="Demo day",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        capacity=100,
        address="서울시 서초구 태봉로 108",
        actor=staff,
    )
    day = demoday.create_demo_day(event=event, slots=6, slot_minutes=20, tables=3, actor=staff)
    investors = [
        demoday.invite_investor(
            demo_day=day, user=make_user(roles=(Role.INVESTOR,)), actor=staff, firm=f"VC {n}"
        )
        for n in range(3)
    ]
    startups = [
        demoday.invite_startup(demo_day=day, company=c, actor=staff)
        for c in (company, other_company)
    ]
    for n, investor in enumerate(investors):
        for startup in startups:
            demoday.mark_interest(
                investor=investor, startup=startup, side=Side.INVESTOR, score=1 + n, actor=None
            )
    return day


@pytest.mark.parametrize("language", ["ko", "en"])
def test_staff_schedule_a_demo_day_and_watch_the_progress_bar_reach_the_result(
    page: Page, live_server, background_worker, staff, scheduled_day, language
):
    staff.language = language
    staff.save(update_fields=["language"])
    base = live_server.url
    sign_in(page, base, staff.email)
    page.goto(f"{base}/events/{scheduled_day.event_id}/demoday/schedule/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("button[name=action][value=run]").click()

    job = Job.objects.get(kind="events.schedule_demo_day")
    expect(page).to_have_url(f"{base}/jobs/{job.pk}/")
    expect(page.get_by_test_id("job-bar")).to_be_visible()
    with translation.override(language):
        done = pgettext("job state", "Done")
        review = gettext("Review the draft schedule")
    expect(page.get_by_test_id("job-state")).to_have_text(done, timeout=30_000)
    expect(page.get_by_test_id("job-bar")).to_have_attribute("value", "100")
    meetings = Meeting.objects.filter(demo_day=scheduled_day).count()
    assert meetings == 6
    expect(page.get_by_test_id("job-result")).to_contain_text(str(meetings))
    page.get_by_test_id("job-link").click()
    expect(page).to_have_url(f"{base}/events/{scheduled_day.event_id}/demoday/schedule/")
    expect(page.get_by_test_id("meeting")).to_have_count(meetings)
    assert review


@pytest.mark.parametrize("language", ["ko", "en"])
def test_staff_see_a_refused_mail_in_the_outbox_and_send_it_again(
    page: Page, live_server, background_worker, staff, settings, language
):
    staff.language = language
    staff.save(update_fields=["language"])
    with smtp_sink(refuse={"ada@unknown.example"}) as (sink, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        base = live_server.url
        sign_in(page, base, staff.email)
        page.goto(f"{base}/accounts/people/new/")
        page.locator("input[name=full_name]").fill("Ada Kim")
        page.locator("input[name=email]").fill("ada@unknown.example")
        page.locator("select[name=language]").select_option("en")
        page.locator("form button[type=submit]").last.click()
        expect(page.get_by_role("status").first).to_be_visible()

        page.goto(f"{base}/outbox/?state=failed")
        expect(page.locator("html")).to_have_attribute("lang", language)
        row = page.get_by_test_id("mail-row")
        expect(row).to_have_count(1, timeout=20_000)
        with translation.override(language):
            failed = pgettext("mail state", "Failed")
            sent = pgettext("mail state", "Sent")
        expect(row).to_contain_text("ada@unknown.example")
        expect(row).to_contain_text(failed)
        row.get_by_role("link").click()
        expect(page.get_by_test_id("mail-error")).to_contain_text("550")
        expect(page.get_by_test_id("mail-confidential")).to_be_visible()

        sink.refuse.clear()
        page.get_by_test_id("resend").click()
        expect(page.get_by_role("status").first).to_be_visible()
        mail = Mail.objects.get(to_address="ada@unknown.example")
        for _ in range(100):
            mail.refresh_from_db()
            if mail.state == MailState.SENT:
                break
            page.wait_for_timeout(100)
        assert mail.state == MailState.SENT
        page.reload()
        expect(page.get_by_test_id("mail-state")).to_have_text(sent)
        assert [to for _sender, to, _content in sink.received] == [["ada@unknown.example"]]
