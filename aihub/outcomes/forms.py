"""HTML forms for periods, reports, review, consent and the figures' date range."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aihub.outcomes.enums import Basis, PeriodKind, RoundStage
from aihub.outcomes.figures import HUB_OPENED, FigureRange

QUARTERS = [("", "—"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]


def _amount(
    label: str, *, required: bool = True, help_text: str = "", initial: int | None = None
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        initial=initial,
        help_text=help_text or _("In whole won, without separators: 120000000 is 1억 2,000만 원."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1", "min": "0"}),
    )


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, initial=0, widget=forms.NumberInput(attrs={"min": "0"})
    )


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=QUARTERS,
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("For a quarterly period only."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    include_alumni = forms.BooleanField(
        label=_("Ask alumni companies to report too"),
        required=False,
        help_text=_("Their figures count only where the figures include alumni."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == PeriodKind.QUARTERLY and not data.get("quarter"):
            self.add_error("quarter", _("Choose the quarter."))
        if data.get("kind") == PeriodKind.ANNUAL:
            data["quarter"] = None
        return data


class ReportForm(forms.Form):
    revenue = _amount(_("Revenue (KRW)"))
    export_sales = _amount(_("Export sales (KRW)"), initial=0)
    headcount = _count(_("Headcount at the end of the period"))
    new_hires = _count(_("New hires in the period"))
    young_hires = _count(_("Of the new hires, aged 15–34"))
    ip_filed = _count(_("Patents and other IP filed"))
    ip_registered = _count(_("Patents and other IP registered"))
    products_launched = _count(_("Products launched"))
    enterprise_value = _amount(
        _("Enterprise value (KRW)"),
        required=False,
        help_text=_("If known, for example from the latest investment round."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RoundForm(forms.Form):
    closed_on = forms.DateField(
        label=_("Date of the round"), widget=forms.DateInput(attrs={"type": "date"})
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", "—"), *RoundStage.choices])
    investors = forms.CharField(label=_("Investors"), max_length=300)
    amount = forms.IntegerField(
        label=_("Amount (KRW)"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "1"}),
    )


RoundFormSet = forms.formset_factory(RoundForm, extra=2, can_delete=True, max_num=30)


def round_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The rounds a valid formset holds, leaving out blank and deleted rows."""
    return [
        {key: form.cleaned_data[key] for key in ("closed_on", "stage", "investors", "amount")}
        for form in formset.forms
        if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class SubmitForm(forms.Form):
    confirm_warnings = forms.BooleanField(
        label=_("I have checked the figures flagged above and they are correct."),
        required=False,
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the company correct?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RangeForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    basis = forms.ChoiceField(label=_("Reports counted"), choices=Basis.choices, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the range is before its start."))
        if start and start < datetime.date(2000, 1, 1):
            self.add_error("date_from", _("Choose a date from the year 2000 on."))
        if end and end > datetime.date(2100, 12, 31):
            self.add_error("date_to", _("Choose a date before the year 2101."))
        return data

    def figure_range(self) -> FigureRange:
        """The chosen range; the whole history to today when the form is empty or wrong."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return FigureRange(
            date_from=data.get("date_from") or HUB_OPENED,
            date_to=data.get("date_to") or timezone.localdate(),
            basis=data.get("basis") or Basis.MEMBER,
        )
