"""Leasing fixtures: prices, spaces on the anchor facility, leases and invoices built
through the services."""

import datetime

import pytest

from aihub.leasing import services
from aihub.leasing.enums import PriceBasis
from aihub.spaces import services as space_services
from aihub.spaces.enums import SpaceKind

NOVEMBER = datetime.date(2026, 11, 1)


@pytest.fixture
def english(staff):
    """The staff account reads the site in English."""
    staff.language = "en"
    staff.save(update_fields=["language"])
    return staff


@pytest.fixture
def prices(db) -> None:
    for basis, price in (
        (PriceBasis.PER_M2, 5_000),
        (PriceBasis.PER_SEAT, 60_000),
        (PriceBasis.MEMBERSHIP, 50_000),
    ):
        services.set_price(
            basis=basis, unit_price=price, effective_from=datetime.date(2017, 12, 1), actor=None
        )


@pytest.fixture
def floor(facility):
    return facility.floors.get(level=6)


@pytest.fixture
def make_office(facility, floor):
    def make(code: str = "6F-01", area: int = 66) -> object:
        return space_services.create_space(
            facility=facility,
            floor=floor,
            kind=SpaceKind.PRIVATE_OFFICE,
            code=code,
            name_ko=f"사무실 {code}",
            name_en=f"Office {code}",
            area_m2=area,
            desks=20,
            actor=None,
        )

    return make


@pytest.fixture
def office(make_office):
    return make_office()


@pytest.fixture
def open_area(facility, floor):
    return space_services.create_space(
        facility=facility,
        floor=floor,
        kind=SpaceKind.OPEN_OFFICE,
        code="6F-OPEN",
        name_ko="오픈 오피스",
        name_en="Open office",
        area_m2=200,
        seats=10,
        actor=None,
    )


@pytest.fixture
def lease(company, office, prices):
    return services.create_lease(
        company=company,
        basis=PriceBasis.PER_M2,
        space=office,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        activate=True,
        actor=None,
    )


@pytest.fixture
def invoice(lease):
    return services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER)[0]
