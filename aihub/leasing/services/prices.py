"""Writes about price rules."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.core.errors import Conflict, ValidationFailed
from aihub.leasing.enums import PriceBasis
from aihub.leasing.models import PriceRule


@transaction.atomic
def set_price(
    *, basis: str, unit_price: int, effective_from: datetime.date, actor: User | None
) -> PriceRule:
    """A unit price from ``effective_from``; months already invoiced keep their amounts."""
    if basis not in PriceBasis.values:
        raise ValidationFailed(_("Choose a price basis from the list."), field="basis")
    if unit_price < 0:
        raise ValidationFailed(_("A price cannot be negative."), field="unit_price")
    if PriceRule.objects.filter(basis=basis, effective_from=effective_from).exists():
        raise Conflict(
            _("A price for this basis already starts on this day."), field="effective_from"
        )
    rule = PriceRule.objects.create(
        basis=basis, unit_price=unit_price, effective_from=effective_from
    )
    rule.log_action(
        "leasing.price.set",
        actor=actor,
        data={"basis": basis, "unit_price": unit_price, "effective_from": effective_from},
    )
    return rule
