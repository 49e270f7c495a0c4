"""HTML forms of the leasing pages: they parse input; the services decide."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aihub.companies.models import Company
from aihub.core.models import is_english, pick
from aihub.leasing.billing import parse_month
from aihub.leasing.enums import InvoiceStatus, LeaseStatus, PaymentMethod, PriceBasis
from aihub.leasing.queries import OVERDUE, InvoiceFilters
from aihub.spaces.enums import LEASABLE_KINDS, SpaceKind, SpaceStatus
from aihub.spaces.models import Facility, Floor, Space


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthField(forms.CharField):
    """A month typed as 2026-11 (the browser's month picker sends this form)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-11"})

    def to_python(self, value: object) -> datetime.date | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_month(text)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Enter a month as year and month, for example 2026-11."), code="invalid_month"
            ) from exc


class CompanyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Company) -> str:
        name = pick(obj.name_ko, obj.name_en, english=is_english())
        return f"{name} ({obj.registration_number_display})"


class SpaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Space) -> str:
        facility = pick(obj.facility.name_ko, obj.facility.name_en, english=is_english())
        name = pick(obj.name_ko, obj.name_en, english=is_english())
        return f"{facility} · {obj.code} {name} ({obj.get_kind_display()})"


class FloorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Floor) -> str:
        return (
            f"{pick(obj.facility.name_ko, obj.facility.name_en, english=is_english())} {obj.label}"
        )


class LeaseForm(forms.Form):
    company = CompanyChoiceField(label=_("Company"), queryset=Company.objects.order_by("name_ko"))
    basis = forms.ChoiceField(label=_("Priced by"), choices=PriceBasis.choices)
    space = SpaceChoiceField(
        label=_("Space"),
        queryset=Space.objects.filter(kind__in=LEASABLE_KINDS).select_related("facility"),
        required=False,
        help_text=_("A private office for a per-m² lease, an open-office area for seats."),
    )
    seats = forms.IntegerField(label=_("Seats"), min_value=0, initial=0, required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput(), help_text=_("The last day."))
    deposit = forms.IntegerField(label=_("Deposit (KRW)"), min_value=0, initial=0)
    discount_percent = forms.IntegerField(
        label=_("Discount (%)"), min_value=0, max_value=100, initial=0
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    activate = forms.BooleanField(
        label=_("Sign the lease now (otherwise it is saved as a draft)"),
        required=False,
        initial=True,
    )

    def service_arguments(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        data["seats"] = data.get("seats") or 0
        return data


class SpaceForm(forms.Form):
    floor = FloorChoiceField(
        label=_("Floor"),
        queryset=Floor.objects.select_related("facility").order_by("facility_id", "level"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SpaceKind.choices)
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("For example 6F-01."))
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)
    area_m2 = forms.DecimalField(label=_("Area (m²)"), max_digits=8, decimal_places=2)
    desks = forms.IntegerField(label=_("Desks"), initial=0)
    seats = forms.IntegerField(label=_("Seats"), initial=0)
    status = forms.ChoiceField(label=_("Status"), choices=SpaceStatus.choices)

    def service_arguments(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        data["facility"] = data["floor"].facility
        return data


class SpaceStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SpaceStatus.choices)


class EndDateForm(forms.Form):
    ends_on = forms.DateField(label=_("New last day"), widget=DateInput())


class InvoiceRunForm(forms.Form):
    month = MonthField(label=_("Month"), help_text=_("For example 2026-11."))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].initial = timezone.localdate().strftime("%Y-%m")


class PaymentForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount (KRW)"))
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()


class CancelInvoiceForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancellation"), max_length=200)
    reissue = forms.BooleanField(
        label=_("Issue a new invoice from the current leases"), required=False, initial=True
    )


def _with_blank(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", pgettext_lazy("filter", "All")), *choices]


class LeaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_with_blank(LeaseStatus.choices), required=False
    )
    facility = forms.ChoiceField(label=_("Facility"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        english = is_english()
        self.fields["facility"].choices = _with_blank(
            [
                (slug, pick(ko, en, english=english))
                for slug, ko, en in Facility.objects.values_list("slug", "name_ko", "name_en")
            ]
        )


class InvoiceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    month = MonthField(label=_("Month"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=_with_blank(
            [*InvoiceStatus.choices, (OVERDUE, pgettext_lazy("invoice status", "Overdue"))]
        ),
        required=False,
    )


class SpaceFilterForm(forms.Form):
    facility = forms.ChoiceField(label=_("Facility"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=_with_blank(SpaceKind.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_with_blank(SpaceStatus.choices), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        english = is_english()
        self.fields["facility"].choices = _with_blank(
            [
                (slug, pick(ko, en, english=english))
                for slug, ko, en in Facility.objects.values_list("slug", "name_ko", "name_en")
            ]
        )


def invoice_filters(data: Any) -> tuple[InvoiceFilterForm, InvoiceFilters]:
    """The invoice list's filter form bound to ``data`` and the filters it gives."""
    form = InvoiceFilterForm(data or None)
    cleaned = form.cleaned_data if form.is_valid() else {}
    return form, InvoiceFilters(**{k: v for k, v in cleaned.items() if v})


class InvoicePdfsForm(forms.Form):
    month = MonthField(label=_("Month"))
    language = forms.ChoiceField(
        label=_("Language"), choices=[("ko", _("Korean")), ("en", _("English"))], initial="ko"
    )
