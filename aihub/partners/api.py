from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from aihub.core.api import Error, page_of
from aihub.core.errors import NotFound, ValidationFailed
from aihub.core.permissions import require
from aihub.partners import queries, services
from aihub.partners.models import Agreement, Partner, PartnerContact
from aihub.partners.schemas import (
    AgreementIn,
    AgreementOut,
    ContactIn,
    ContactOut,
    PartnerDetailOut,
    PartnerIn,
    PartnerPage,
    PartnerPatchIn,
)

router = Router(tags=["partners"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _partner(pk: int) -> Partner:
    partner = queries.partner_for_public(pk=pk)
    if partner is None:
        raise NotFound()
    return partner


@router.get("/", response={200: PartnerPage, **ERRORS}, auth=None, summary="List partners")
def list_partners(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    country: str = "",
    page: int = 1,
    page_size: int = Query(25, ge=1, le=100),
) -> dict:
    """Partner institutions; public."""
    partners = queries.partners_for_public(kind=kind, country=country, q=q)
    return page_of(partners, page=page, page_size=page_size)


@router.get(
    "/{int:pk}", response={200: PartnerDetailOut, **ERRORS}, auth=None, summary="One partner"
)
def get_partner(request: HttpRequest, pk: int) -> Partner:
    return _partner(pk)


@router.post("/", response={201: PartnerDetailOut, **ERRORS}, summary="Add a partner")
def create_partner(request: HttpRequest, payload: PartnerIn) -> Status[Partner]:
    require(request, "partners.add_partner")
    partner = services.create_partner(actor=request.user, **payload.dict())
    return Status(201, _partner(partner.pk))


@router.patch("/{int:pk}", response={200: PartnerDetailOut, **ERRORS}, summary="Change a partner")
def update_partner(request: HttpRequest, pk: int, payload: PartnerPatchIn) -> Partner:
    require(request, "partners.change_partner")
    partner = _partner(pk)
    data = payload.dict(exclude_unset=True)
    for key, value in data.items():
        if value is None:
            raise ValidationFailed(_("This field cannot be empty."), field=key)
    services.update_partner(partner=partner, actor=request.user, **data)
    return _partner(pk)


@router.post(
    "/{int:pk}/agreements", response={201: AgreementOut, **ERRORS}, summary="Record an agreement"
)
def record_agreement(request: HttpRequest, pk: int, payload: AgreementIn) -> Status[Agreement]:
    require(request, "partners.change_partner")
    agreement = services.record_agreement(
        partner=_partner(pk), actor=request.user, **payload.dict()
    )
    return Status(201, agreement)


@router.post("/{int:pk}/contacts", response={201: ContactOut, **ERRORS}, summary="Add a contact")
def add_contact(request: HttpRequest, pk: int, payload: ContactIn) -> Status[PartnerContact]:
    require(request, "partners.change_partner")
    contact = services.add_contact(partner=_partner(pk), actor=request.user, **payload.dict())
    return Status(201, contact)
