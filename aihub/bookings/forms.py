"""HTML forms of the booking pages: they parse input; the services decide."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from aihub.bookings.enums import BookerKind, Equipment
from aihub.bookings.models import BookableRoom
from aihub.bookings.timeutil import at
from aihub.companies.models import Company
from aihub.core.models import is_english, pick
from aihub.spaces.enums import SpaceKind

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


WEEKDAY_DATES = [datetime.date(2024, 1, 1 + day) for day in range(7)]
"""A Monday to Sunday, to name the weekdays in the active language."""


class RoomForm(forms.Form):
    """A room's profile and booking rules as staff set them; the services check the rules
    against each other (close after open, whole slots, shortest ≤ longest)."""

    capacity = forms.IntegerField(label=_("Capacity (people)"), min_value=1, max_value=10_000)
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove the current photo"), required=False)
    description_ko = forms.CharField(
        label=_("Description (Korean)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_at = forms.TimeField(label=_("Opens at"), widget=TimeInput())
    closes_at = forms.TimeField(label=_("Closes at"), widget=TimeInput())
    open_weekdays = forms.TypedMultipleChoiceField(
        label=_("Open on"),
        coerce=int,
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    allowed_bookers = forms.MultipleChoiceField(
        label=_("Who may book"),
        choices=[(kind.value, kind.label) for kind in BookerKind if kind != BookerKind.HUB],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hub staff may always book."),
    )
    approval_required = forms.BooleanField(label=_("Bookings need staff approval"), required=False)
    check_in_required = forms.BooleanField(
        label=_("Check-in required (released 15 minutes after the start otherwise)"),
        required=False,
    )
    slot_minutes = forms.TypedChoiceField(
        label=_("Slot (minutes)"), choices=[(m, m) for m in (15, 30, 60)], coerce=int
    )
    min_minutes = forms.IntegerField(
        label=_("Shortest booking (minutes)"), min_value=1, max_value=1440
    )
    max_minutes = forms.IntegerField(
        label=_("Longest booking (minutes)"), min_value=1, max_value=1440
    )
    window_days = forms.IntegerField(label=_("Bookable days ahead"), min_value=1, max_value=730)
    buffer_minutes = forms.IntegerField(
        label=_("Buffer after each booking (minutes)"), min_value=0, max_value=240
    )
    hourly_price = forms.IntegerField(
        label=_("Hourly price (KRW, before VAT)"),
        min_value=0,
        max_value=10_000_000,
        help_text=_("0 makes the room free; its free hours then limit each company."),
    )
    free_hours_resident = forms.IntegerField(
        label=_("Free hours a month, resident company"), min_value=0, max_value=744
    )
    free_hours_membership = forms.IntegerField(
        label=_("Free hours a month, membership company"), min_value=0, max_value=744
    )
    is_active = forms.BooleanField(label=_("Bookable now"), required=False)

    GROUPS = (
        (
            _("Room"),
            ("capacity", "equipment", "photo", "remove_photo", "description_ko", "description_en"),
        ),
        (_("Opening"), ("opens_at", "closes_at", "open_weekdays")),
        (_("Who may book"), ("allowed_bookers", "approval_required", "check_in_required")),
        (
            _("Booking length"),
            ("slot_minutes", "min_minutes", "max_minutes", "window_days", "buffer_minutes"),
        ),
        (
            _("Price and free hours"),
            ("hourly_price", "free_hours_resident", "free_hours_membership"),
        ),
        (_("Availability"), ("is_active",)),
    )

    def __init__(self, *args: object, has_photo: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["open_weekdays"].choices = [
            (day.weekday(), formats.date_format(day, "l")) for day in WEEKDAY_DATES
        ]
        if not has_photo:
            del self.fields["remove_photo"]

    @classmethod
    def initial_for(cls, room: BookableRoom) -> dict[str, object]:
        """The form's starting values: the room's rules (a new room's defaults)."""
        return {
            name: getattr(room, name)
            for name in cls.base_fields
            if name not in ("photo", "remove_photo")
        }

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The visible fields under their headings, for the page's fieldsets."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
        ]

    def service_arguments(self) -> dict[str, object]:
        """The rules, the new photo and whether to remove the old one, for the services."""
        data = dict(self.cleaned_data)
        data["photo"] = data.pop("photo", None) or None
        remove = data.pop("remove_photo", False)
        if remove and data["photo"] is None:
            data["remove_photo"] = True
        return data
