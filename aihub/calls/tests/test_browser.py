"""The whole open-recruitment path in the system Chromium, in Korean and in English.

Staff publish a call, a newcomer signs up with their company, applies and submits, two judges
score while a judge sharing the applicant's mail domain is kept out, staff rank and select,
and the company sees its result and has its membership. Elements are found by names and test
ids; expected texts are read through gettext in the page's language.
"""

import datetime

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from aihub.accounts.enums import Role
from aihub.calls.enums import ApplicationStatus, CallPhase
from aihub.calls.models import Application, Call
from aihub.calls.tests.conftest import pdf_bytes
from aihub.companies.models import MembershipPeriod
from conftest import PASSWORD, valid_registration_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username], input[name=email]").first.fill(email)
    page.locator("input[type=password]").fill(password)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base}/home/")


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _status(status: ApplicationStatus, language: str) -> str:
    with translation.override(language):
        return str(status.label)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_call_published_applied_judged_selected(
    page: Page, live_server, staff, make_user, ai_domains, facility, tmp_path, language
):
    base = live_server.url
    for user in (staff,):
        user.language = language
        user.save(update_fields=["language"])
    judges = [
        make_user(f"judge{n}@judges{n}.example", roles=(Role.JUDGE,), language=language)
        for n in (1, 2)
    ]
    conflicted = make_user("advisor@newco.example", roles=(Role.JUDGE,), language=language)

    # Staff publish a membership call with the standard document review.
    sign_in(page, base, staff.email)
    page.goto(f"{base}/calls/manage/new/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    now = timezone.now()
    page.locator("select[name=kind]").select_option("membership")
    page.locator("input[name=title_ko]").fill("2026 멤버십 공개모집")
    page.locator("input[name=title_en]").fill("2026 membership call")
    page.locator("input[name=places]").fill("1")
    page.locator("input[name=opens_at]").fill(_local(now - datetime.timedelta(hours=1)))
    page.locator("input[name=closes_at]").fill(_local(now + datetime.timedelta(days=3)))
    page.locator("input[name=membership_starts_on]").fill(
        (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    )
    page.locator("input[name=founded_within_years]").fill("7")
    page.locator("input[name=ai_domain]").check()
    page.locator("input[name=seoul_head_office]").check()
    page.locator("textarea[name=form_fields]").fill(
        "summary | long_text | 사업 요약 | Summary | required\n"
        "plan | file | 사업계획서 | Business plan | required"
    )
    page.locator("form[data-testid=call-form] button[type=submit]").click()
    call = Call.objects.get()
    expect(page).to_have_url(f"{base}/calls/manage/{call.pk}/")
    page.get_by_test_id("publish").click()
    with translation.override(language):
        expect(page.get_by_test_id("call-phase")).to_have_text(str(CallPhase.OPEN.label))

    # A newcomer signs up with their company and applies.
    page.context.clear_cookies()
    page.goto(f"{base}/calls/")
    if language == "en":
        page.get_by_test_id("language-switch").click()
    page.get_by_test_id("open-calls").get_by_role("link").first.click()
    page.get_by_test_id("apply-link").click()
    page.locator("input[name=full_name]").fill("한새봄")
    page.locator("input[name=email]").fill("founder@newco.example")
    page.locator("input[name=password]").fill("spring-of-2026-ai")
    page.locator("input[name=company_name_ko]").fill("뉴코AI")
    page.locator("input[name=company_name_en]").fill("NewCo AI")
    page.locator("input[name=registration_number]").fill(valid_registration_number(4242))
    page.locator("input[name=founded_on]").fill("2024-02-01")
    page.locator("input[name=representative]").fill("한새봄")
    page.locator(f"input[name=ai_domains][value='{ai_domains[0].pk}']").check()
    page.locator("input[name=head_office][value=seoul]").check()
    page.locator("input[name=consent]").check()
    page.locator("form[data-testid=apply-form] button[type=submit]").click()
    application = Application.objects.get()
    assert application.applicant.language == language
    expect(page.get_by_test_id("application-status")).to_have_text(
        _status(ApplicationStatus.DRAFT, language)
    )
    expect(page.get_by_test_id("rule-founded_within_years")).to_have_attribute("data-passed", "yes")
    page.locator("textarea[name=summary]").fill("도시 데이터로 교통을 예측합니다.")
    page.locator("form[data-testid=answers-form] button[type=submit]").click()
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(pdf_bytes())
    page.get_by_test_id("upload-plan").locator("input[type=file]").set_input_files(str(plan))
    page.get_by_test_id("upload-plan").locator("button[type=submit]").click()
    expect(page.get_by_test_id("ready")).to_be_visible()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("application-status")).to_have_text(
        _status(ApplicationStatus.SUBMITTED, language)
    )

    # The deadline passes; staff assign two judges automatically.
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(minutes=1)
    )
    stage = call.stages.get()
    sign_in(page, base, staff.email)
    page.goto(f"{base}/calls/manage/stages/{stage.pk}/")
    page.get_by_test_id("balance-form").locator("button[type=submit]").click()
    assert sorted(a.judge_id for a in application.assignments.all()) == [j.pk for j in judges]

    # The conflicted judge sees nothing and cannot open the application.
    sign_in(page, base, conflicted.email)
    page.goto(f"{base}/calls/judging/")
    expect(page.locator("[data-testid=queue]")).to_have_count(0)
    assignment = application.assignments.first()
    assert page.goto(f"{base}/calls/judging/{assignment.pk}/").status == 404

    # Two judges score, blind.
    for judge, value in zip(judges, ("9", "8"), strict=True):
        sign_in(page, base, judge.email)
        page.goto(f"{base}/calls/judging/")
        page.get_by_test_id("queue").get_by_role("link").first.click()
        expect(page.get_by_test_id("review-title")).to_have_text(application.blind_code)
        for criterion in stage.criteria.all():
            page.locator(f"input[name=score_{criterion.pk}]").fill(value)
        page.locator("form[data-testid=score-form] button[type=submit]").click()
        expect(page.get_by_role("status")).to_be_visible()
    assert application.assignments.filter(scores__isnull=False).distinct().count() == 2

    # Staff rank, select and finalise.
    sign_in(page, base, staff.email)
    page.goto(f"{base}/calls/manage/stages/{stage.pk}/")
    expect(page.get_by_test_id(f"score-{application.pk}")).to_contain_text("85.00")
    decide = page.get_by_test_id(f"decide-{application.pk}")
    decide.locator("select[name=outcome]").select_option("advance")
    decide.locator("button[type=submit]").click()
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("stage-closed")).to_be_visible()

    # The company sees its result, in its language, and its membership exists.
    sign_in(page, base, "founder@newco.example", "spring-of-2026-ai")
    page.goto(f"{base}/calls/companies/{application.company_id}/applications/{application.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_test_id("application-status")).to_have_text(
        _status(ApplicationStatus.SELECTED, language)
    )
    expect(page.get_by_test_id("result")).to_be_visible()
    period = MembershipPeriod.objects.get(company=application.company)
    assert period.starts_on == call.membership_starts_on
