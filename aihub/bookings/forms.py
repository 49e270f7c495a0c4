"""HTML forms of the booking pages: they parse input; the services decide."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from aihub.bookings.enums import Equipment
from aihub.bookings.timeutil import at
from aihub.companies.models import Company
from aihub.core.models import is_english, pick
from aihub.leasing.enums import SpaceKind

DURATIONS = [(m, f"{m // 60}:{m % 60:02d}") for m in (30, 60, 90, 120, 180, 240, 480)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%H:%M", **kwargs)


class CompanyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Company) -> str:
        return pick(obj.name_ko, obj.name_en, english=is_english())


class TimesForm(forms.Form):
    """A day with a start and an end time, read as Asia/Seoul times."""

    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("Until"), widget=TimeInput())

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        return at(data["day"], data["start"]), at(data["day"], data["end"])


class BookingForm(TimesForm):
    title = forms.CharField(label=_("Title"), max_length=120)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=1, initial=1)
    company = CompanyChoiceField(
        label=_("Book for"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("Myself / my organisation"),
    )
    organiser = forms.CharField(
        label=_("Organisation"),
        max_length=120,
        required=False,
        help_text=_("Outside organisations: the organisation you book for."),
    )
    weeks = forms.IntegerField(
        label=_("Repeat weekly for"),
        min_value=1,
        max_value=26,
        initial=1,
        help_text=_("Number of weeks; 1 books this date only."),
    )

    def __init__(self, *args: object, companies=None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        companies = companies if companies is not None else Company.objects.none()
        self.fields["company"].queryset = companies
        if companies.count() == 1 and not self.is_bound:
            self.fields["company"].initial = companies.first().pk

    def service_arguments(self) -> dict[str, object]:
        starts_at, ends_at = self.times()
        data = self.cleaned_data
        return {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "title": data["title"],
            "attendees": data["attendees"],
            "company": data["company"],
            "organiser": data["organiser"],
        }


class ChangeForm(TimesForm):
    pass


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Reason"), max_length=200, required=False)


class SearchForm(forms.Form):
    """Free rooms at a time: date, start, duration, people, equipment, facility, kind."""

    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    duration = forms.TypedChoiceField(
        label=_("Duration (h:mm)"), choices=DURATIONS, coerce=int, initial=60
    )
    capacity = forms.IntegerField(label=_("People"), min_value=1, initial=1, required=False)
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(
        label=_("Kind of room"),
        choices=[("", _("Any"))]
        + [
            (kind.value, kind.label)
            for kind in (
                SpaceKind.MEETING_ROOM,
                SpaceKind.EDUCATION_ROOM,
                SpaceKind.LOUNGE,
                SpaceKind.HALL,
            )
        ],
        required=False,
    )

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        starts_at = at(data["day"], data["start"])
        return starts_at, starts_at + datetime.timedelta(minutes=data["duration"])


class ReportForm(forms.Form):
    first = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    last = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
