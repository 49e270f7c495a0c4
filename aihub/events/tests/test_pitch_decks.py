"""Pitch decks: a startup member uploads a PDF; investors of the demo day and staff download it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from aihub.accounts.enums import Role
from aihub.core.models import AuditEntry
from aihub.events import demoday, pitch_decks
from aihub.events.models import DemoDayStartup
from conftest import signed_in

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(content: bytes = PDF, name: str = "deck.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _upload_url(demo_day, company) -> str:
    return reverse(
        "events:startup_pitch_deck", kwargs={"event_pk": demo_day.event_id, "pk": company.pk}
    )


def _download_url(demo_day, company) -> str:
    return reverse(
        "events:startup_pitch_deck_download",
        kwargs={"event_pk": demo_day.event_id, "pk": company.pk},
    )


def _interests_url(demo_day, seat) -> str:
    return reverse(
        "events:investor_interests", kwargs={"event_pk": demo_day.event_id, "seat_pk": seat.pk}
    )


@pytest.fixture
def deck(seats, owner):
    startup = seats[1][0]
    return pitch_decks.upload_pitch_deck(seat=startup, file=_pdf(), actor=owner)


def test_upload_pitch_deck_page_stores_pdf(owner_client, seats, demo_day, company):
    before = AuditEntry.objects.count()
    response = owner_client.post(_upload_url(demo_day, company), {"pitch_deck": _pdf()})
    assert response.status_code == 302
    startup = DemoDayStartup.objects.get(demo_day=demo_day, company=company)
    assert startup.pitch_deck.name.endswith(".pdf")
    with startup.pitch_deck.open("rb") as stored:
        assert stored.read() == PDF
    assert AuditEntry.objects.count() == before + 1


def test_upload_pitch_deck_page_shows_form(owner_client, seats, demo_day, company):
    response = owner_client.get(_upload_url(demo_day, company))
    assert response.status_code == 200
    assert 'name="pitch_deck"' in response.content.decode()


def test_upload_pitch_deck_non_pdf_is_refused(owner_client, seats, demo_day, company):
    before = AuditEntry.objects.count()
    response = owner_client.post(
        _upload_url(demo_day, company), {"pitch_deck": _pdf(b"PK\x03\x04 not a pdf", "deck.pdf")}
    )
    assert response.status_code == 400
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = [gettext("The pitch deck must be a PDF file.")]
    assert response.context["form"].errors["pitch_deck"] == expected
    assert DemoDayStartup.objects.get(demo_day=demo_day, company=company).pitch_deck.name == ""
    assert AuditEntry.objects.count() == before


def test_upload_pitch_deck_oversize_is_refused(owner_client, seats, demo_day, company, monkeypatch):
    monkeypatch.setattr(pitch_decks, "MAX_PITCH_DECK_BYTES", 10)
    response = owner_client.post(_upload_url(demo_day, company), {"pitch_deck": _pdf()})
    assert response.status_code == 400
    assert "pitch_deck" in response.context["form"].errors
    assert DemoDayStartup.objects.get(demo_day=demo_day, company=company).pitch_deck.name == ""


def test_upload_pitch_deck_is_404_for_another_company(
    member_client, seats, demo_day, other_company
):
    response = member_client.post(_upload_url(demo_day, other_company), {"pitch_deck": _pdf()})
    assert response.status_code == 404
    assert DemoDayStartup.objects.get(company=other_company).pitch_deck.name == ""


def test_upload_pitch_deck_is_refused_to_investors(seats, demo_day, investor, company):
    response = signed_in(investor).post(_upload_url(demo_day, company), {"pitch_deck": _pdf()})
    assert response.status_code == 404


def test_replacing_pitch_deck_keeps_one_file(
    seats, demo_day, owner, deck, django_capture_on_commit_callbacks, run_tasks
):
    first = deck.pitch_deck.name
    with django_capture_on_commit_callbacks(execute=True):
        second = pitch_decks.upload_pitch_deck(seat=deck, file=_pdf(PDF + b"%v2\n"), actor=owner)
    run_tasks()
    assert second.pitch_deck.name != first
    assert not second.pitch_deck.storage.exists(first)


def test_invited_investor_downloads_pitch_deck(seats, demo_day, investor, company, deck):
    response = signed_in(investor).get(_download_url(demo_day, company))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_staff_downloads_pitch_deck(staff_client, seats, demo_day, company, deck):
    response = staff_client.get(_download_url(demo_day, company))
    response.close()
    assert response.status_code == 200


def test_own_member_downloads_pitch_deck(member_client, seats, demo_day, company, deck):
    response = member_client.get(_download_url(demo_day, company))
    response.close()
    assert response.status_code == 200


def test_pitch_deck_is_404_for_uninvited_investor(seats, demo_day, make_user, company, deck):
    outsider = make_user("outsider@vc.example", roles=(Role.INVESTOR,))
    assert signed_in(outsider).get(_download_url(demo_day, company)).status_code == 404


def test_pitch_deck_is_404_for_another_company_member(
    seats, demo_day, other_company, company, deck
):
    client = signed_in(other_company.members.get().user)
    assert client.get(_download_url(demo_day, company)).status_code == 404


def test_pitch_deck_without_upload_is_404(seats, demo_day, investor, other_company):
    assert signed_in(investor).get(_download_url(demo_day, other_company)).status_code == 404


def test_interest_page_links_pitch_deck(seats, demo_day, investor, company, deck):
    page = signed_in(investor).get(_interests_url(demo_day, seats[0][0])).content.decode()
    assert page.count('data-testid="pitch-deck-link"') == 1
    assert _download_url(demo_day, company) in page


@pytest.mark.parametrize("count", [1, 3])
def test_interest_page_query_count_is_flat(
    demo_day, investor, staff, make_company, owner, count, django_assert_num_queries
):
    seat = demoday.invite_investor(demo_day=demo_day, user=investor, actor=staff)
    for _n in range(count):
        startup = demoday.invite_startup(demo_day=demo_day, company=make_company(), actor=staff)
        pitch_decks.upload_pitch_deck(seat=startup, file=_pdf(), actor=None)
    client = signed_in(investor)
    url = _interests_url(demo_day, seat)
    client.get(url)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count('data-testid="pitch-deck-link"') == count
