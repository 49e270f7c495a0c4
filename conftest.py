"""Fixtures shared by the whole suite, built through the services."""

import datetime
import itertools
import os
import shutil

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, sync_playwright

from aihub.accounts import services as account_services
from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.companies import services as company_services
from aihub.companies.enums import MemberRole, MembershipKind
from aihub.companies.models import AIDomain, Company
from aihub.companies.validators import registration_check_digit
from aihub.spaces import services as space_services
from aihub.spaces.models import Facility

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 (a test account's password)
_serials = itertools.count(1)


def valid_registration_number(serial: int) -> str:
    """A valid business registration number, different for every ``serial``."""
    first9 = f"220{81 + serial % 7:02d}{serial % 10000:04d}"
    return first9 + str(registration_check_digit(first9))


@pytest.fixture
def make_user(db):
    def make(email: str | None = None, roles: tuple[Role, ...] = (), language: str = "ko") -> User:
        serial = next(_serials)
        return account_services.create_user(
            email=email or f"person{serial}@example.com",
            password=PASSWORD,
            full_name=f"사용자 {serial}",
            language=language,
            roles=roles,
        )

    return make


@pytest.fixture
def staff(make_user) -> User:
    return make_user("staff@hub.example", roles=(Role.HUB_STAFF,))


@pytest.fixture
def ai_domains(db) -> list[AIDomain]:
    return [
        AIDomain.objects.get_or_create(code=code, defaults={"name_ko": ko, "name_en": en})[0]
        for code, ko, en in [
            ("nlp", "자연어처리", "Natural language processing"),
            ("vision", "컴퓨터 비전", "Computer vision"),
            ("robotics", "로보틱스", "Robotics"),
        ]
    ]


@pytest.fixture
def facility(db) -> Facility:
    return space_services.create_facility(
        slug="anchor",
        name_ko="서울 AI 허브",
        name_en="Seoul AI Hub",
        address_ko="서울특별시 서초구 태봉로 108",
        address_en="108 Taebong-ro, Seocho-gu, Seoul",
        area_m2=10_020,
        opened_on=datetime.date(2024, 5, 29),
        lowest_level=-1,
        highest_level=7,
        is_anchor=True,
        actor=None,
    )


@pytest.fixture
def make_company(db, ai_domains):
    def make(
        *, name: str | None = None, owner: User | None = None, resident_at: Facility | None = None
    ) -> Company:
        serial = next(_serials)
        company = company_services.register_company(
            name_ko=name or f"딥러닝랩스{serial}",
            name_en=f"Deep Learning Labs {serial}",
            registration_number=valid_registration_number(serial),
            founded_on=datetime.date(2020, 3, 1),
            representative="홍길동",
            ai_domains=ai_domains[:2],
            owner=owner,
            actor=None,
        )
        if resident_at is not None:
            company_services.record_membership(
                company=company,
                kind=MembershipKind.RESIDENT,
                facility=resident_at,
                starts_on=datetime.date(2024, 6, 1),
                actor=None,
            )
        return company

    return make


@pytest.fixture
def owner(make_user) -> User:
    return make_user("owner@alpha.example")


@pytest.fixture
def company(make_company, owner, facility) -> Company:
    return make_company(name="알파에이아이", owner=owner, resident_at=facility)


@pytest.fixture
def member(make_user, company) -> User:
    user = make_user("member@alpha.example")
    company_services.add_member(company=company, user=user, role=MemberRole.MEMBER, actor=None)
    return user


@pytest.fixture
def other_company(make_company, make_user, facility) -> Company:
    return make_company(
        name="베타로보틱스", owner=make_user("owner@beta.example"), resident_at=facility
    )


def run_queued_tasks() -> None:
    """Run every task that is due with the real database worker, in this process and this
    database connection, until none is left (the worker's batch mode).

    The worker drops database connections between tasks, as a long-running process should;
    here its connection is the test's own, inside the test's transaction, so that step is
    skipped."""
    from unittest import mock

    from django_tasks_db.management.commands import db_worker

    with mock.patch.object(db_worker, "close_old_connections", return_value=None):
        _worker().run()


def _worker():
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="pytest",
        excluded_queue_names=[],
    )


@pytest.fixture
def run_tasks():
    """``run_tasks()`` runs the queued background tasks (jobs, mail) as a worker would."""
    return run_queued_tasks


@pytest.fixture
def background_worker(transactional_db):
    """A real database worker in a thread of its own (its own database connection), polling
    every 0.1 s beside the live server, as ``make run`` starts one beside the dev server."""
    import threading

    from django.db import connections

    worker = _worker()
    worker.interval = 0.1
    worker.batch = False

    def run() -> None:
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="test-db-worker", daemon=True)
    thread.start()
    yield worker
    worker.running = False
    thread.join(timeout=30)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(staff) -> Client:
    return signed_in(staff)


@pytest.fixture
def owner_client(owner) -> Client:
    return signed_in(owner)


@pytest.fixture
def member_client(member) -> Client:
    return signed_in(member)


BROWSER_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium; a missing browser fails the run on CI and skips elsewhere."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium is not installed; browser tests cannot run.")
        pytest.skip("Chromium is not installed.")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Browser:
    """One headless system Chromium for the whole run."""
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test body are still synchronous, so the async-safety guard is lifted for browser tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Page:
    """A fresh browser context in Korean, accepting downloads."""
    context = browser.new_context(
        locale="ko-KR", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
