from django.http import HttpRequest
from ninja import Router

from aihub.core.api import Error
from aihub.core.errors import NotFound
from aihub.spaces.models import Facility
from aihub.spaces.queries import facilities_for_public
from aihub.spaces.schemas import FacilityOut

router = Router(tags=["facilities"])


@router.get("/", response=list[FacilityOut], auth=None, summary="List facilities")
def list_facilities(request: HttpRequest) -> list[Facility]:
    """Every facility of the hub with its floors; public."""
    return list(facilities_for_public())


@router.get("/{slug}", response={200: FacilityOut, 404: Error}, auth=None, summary="One facility")
def get_facility(request: HttpRequest, slug: str) -> Facility:
    facility = facilities_for_public().filter(slug=slug).first()
    if facility is None:
        raise NotFound()
    return facility
