import datetime

import pytest
from django.urls import reverse

from aihub.core.errors import Conflict, ValidationFailed
from aihub.spaces import services

pytestmark = pytest.mark.django_db


def test_anchor_facility_has_floors_b1_to_7f(facility):
    assert [f.label for f in facility.floors.all()] == [
        "B1",
        "1F",
        "2F",
        "3F",
        "4F",
        "5F",
        "6F",
        "7F",
    ]


def test_second_anchor_refused(facility):
    with pytest.raises(Conflict):
        services.create_facility(
            slug="other",
            name_ko="다른",
            name_en="Other",
            address_ko="주소",
            address_en="Address",
            area_m2=100,
            opened_on=datetime.date(2020, 1, 1),
            lowest_level=1,
            highest_level=2,
            is_anchor=True,
            actor=None,
        )


def test_negative_area_refused():
    with pytest.raises(ValidationFailed):
        services.create_facility(
            slug="x",
            name_ko="가",
            name_en="A",
            address_ko="주소",
            address_en="Address",
            area_m2=0,
            opened_on=datetime.date(2020, 1, 1),
            lowest_level=1,
            highest_level=2,
            actor=None,
        )


def test_facility_pages_are_public(client, facility, company):
    listing = client.get(reverse("spaces:list"))
    assert listing.context["total_area"] == 10_020
    detail = client.get(facility.get_absolute_url())
    assert detail.context["facility"].current_companies == 1


def test_unknown_facility_is_404(client):
    assert client.get(reverse("spaces:facility", args=["nowhere"])).status_code == 404


def test_api_facilities(client, facility):
    body = client.get("/api/v1/facilities/").json()
    assert [(f["slug"], len(f["floors"])) for f in body] == [("anchor", 8)]
    assert client.get("/api/v1/facilities/nowhere").status_code == 404


def test_facility_history_shown_to_staff_only(client, staff_client, facility):
    assert staff_client.get(facility.get_absolute_url()).context["history"][0].action == (
        "spaces.facility.created"
    )
    assert client.get(facility.get_absolute_url()).context["history"] == []
