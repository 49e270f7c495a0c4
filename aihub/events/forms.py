"""Forms of the event pages; the services re-check every rule.

Every POST of the event pages is parsed here: the views read ``cleaned_data`` only. Ids are
model choices (an unknown or non-numeric id is a form error, never a 500), numbers are
bounded so that no absurd value reaches the database, and the rules themselves (at least one
slot, a score from 0 to 5, a pin inside the day) stay in ``aihub.events.demoday``.
"""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.accounts.models import User
from aihub.companies.models import Company
from aihub.core.errors import ValidationFailed
from aihub.events.enums import Decision, EventKind, Side
from aihub.events.models import DemoDay, DemoDayInvestor, DemoDayStartup
from aihub.spaces.enums import ROOM_KINDS
from aihub.spaces.models import Space

# Upper bounds of the demo-day numbers: they keep absurd input away from the database (a
# PostgreSQL integer ends at 2**31 - 1) and from the lists built per slot. The lower bounds
# are rules of ``aihub.events.demoday`` and are checked there, with its messages.
MAX_SLOTS = 500
MAX_SLOT_MINUTES = 24 * 60
MAX_TABLES = 1000
MAX_MEETINGS = MAX_SLOTS

NO_SUCH_PARTICIPANT = gettext_lazy("No such participant in this demo day.")

LOCAL_INPUT = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=EventKind.choices)
    title_ko = forms.CharField(label=gettext_lazy("Title (Korean)"), max_length=200)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=200)
    description_ko = forms.CharField(
        label=gettext_lazy("Description (Korean)"), widget=forms.Textarea, required=False
    )
    description_en = forms.CharField(
        label=gettext_lazy("Description (English)"), widget=forms.Textarea, required=False
    )
    space = forms.ModelChoiceField(
        label=gettext_lazy("Room of the hub"),
        queryset=Space.objects.filter(kind__in=ROOM_KINDS).select_related("facility"),
        required=False,
    )
    address = forms.CharField(
        label=gettext_lazy("Or an address elsewhere"), max_length=200, required=False
    )
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Starts at"),
        widget=LOCAL_INPUT,
    )
    ends_at = forms.DateTimeField(label=gettext_lazy("Ends at"), widget=LOCAL_INPUT)
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"), min_value=1)
    registration_closes_at = forms.DateTimeField(
        label=gettext_lazy("Registration closes at"),
        required=False,
        widget=LOCAL_INPUT,
    )
    is_public = forms.BooleanField(label=gettext_lazy("Public"), required=False, initial=True)


class PitchDeckForm(forms.Form):
    """The upload; ``aihub.events.pitch_decks.check_pitch_deck`` checks size and content."""

    pitch_deck = forms.FileField(
        label=gettext_lazy("Pitch deck (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


def parse_slots(text: str, *, last: int | None = None) -> list[int]:
    """Slots typed as 1-based numbers and ranges ("1-4, 7") → 0-based slot numbers.

    Raises ``ValidationFailed`` naming the part that is not a number or a range. With
    ``last`` (the demo day's number of slots) a number outside 1 to ``last`` is refused before
    any range is expanded, so that "1-999999999" costs nothing.
    """
    slots: set[int] = set()
    for part in (p.strip() for p in str(text).replace(" ", "").split(",")):
        if not part:
            continue
        try:
            if "-" in part[1:]:
                first, end = part.split("-", 1)
                numbers = (int(first), int(end))
            else:
                numbers = (int(part), int(part))
        except ValueError as error:
            raise ValidationFailed(
                _("“%(part)s” is not a slot number or a range like 1-4.") % {"part": part},
                field="available",
            ) from error
        outside = [n for n in numbers if last is not None and not 1 <= n <= last]
        if outside:
            raise ValidationFailed(
                _("Slot %(slot)s is outside the range 1 to %(last)s.")
                % {"slot": outside[0], "last": last},
                field="available",
            )
        slots.update(range(numbers[0] - 1, numbers[1]))
    return sorted(slots)


class DemoDaySetupForm(forms.Form):
    """The meeting layout of a demo day (``create_demo_day`` / ``change_demo_day``)."""

    slots = forms.IntegerField(label=gettext_lazy("Meeting slots"), max_value=MAX_SLOTS)
    slot_minutes = forms.IntegerField(
        label=gettext_lazy("Minutes per slot"), max_value=MAX_SLOT_MINUTES
    )
    tables = forms.IntegerField(label=gettext_lazy("Tables per slot"), max_value=MAX_TABLES)


class InviteInvestorForm(forms.Form):
    """Seat a person as investor; ``invite_investor`` checks the investor role."""

    side = Side.INVESTOR
    user = forms.ModelChoiceField(
        label=gettext_lazy("Investor"),
        queryset=User.objects.all(),
        error_messages={"invalid_choice": gettext_lazy("No such person.")},
    )
    firm = forms.CharField(label=gettext_lazy("Firm"), max_length=200, required=False)


class InviteStartupForm(forms.Form):
    """Seat a company as startup."""

    side = Side.STARTUP
    company = forms.ModelChoiceField(
        label=gettext_lazy("Company"),
        queryset=Company.objects.all(),
        error_messages={"invalid_choice": gettext_lazy("No such company.")},
    )


def invite_form(data: QueryDict) -> InviteInvestorForm | InviteStartupForm:
    """The invitation form for the posted ``side``: "investor", else a startup (as before)."""
    if data.get("side") == Side.INVESTOR:
        return InviteInvestorForm(data)
    return InviteStartupForm(data)


class ParticipationForm(forms.Form):
    """A seat's available slots and meeting limits, and where to go afterwards.

    ``available`` is cleaned into 0-based slot numbers inside the demo day; ``next`` is
    returned as typed: the view passes it through ``aihub.core.redirects.safe_next``.
    """

    available = forms.CharField(
        label=gettext_lazy("Available slots (for example 1-8, 10)"), required=False
    )
    min_meetings = forms.IntegerField(
        label=gettext_lazy("Minimum meetings"), max_value=MAX_MEETINGS
    )
    max_meetings = forms.IntegerField(
        label=gettext_lazy("Maximum meetings"), max_value=MAX_MEETINGS
    )
    next = forms.CharField(
        label=gettext_lazy("Page to return to"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, demo_day: DemoDay, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.demo_day = demo_day

    def clean_available(self) -> list[int]:
        try:
            return parse_slots(self.cleaned_data["available"], last=self.demo_day.slots)
        except ValidationFailed as error:
            raise forms.ValidationError(error.errors["available"]) from error


SCORE_CHOICES = [(str(n), str(n)) for n in range(6)] + [("no", gettext_lazy("No thanks"))]


class InterestForm(forms.Form):
    """One seat's mark of a seat on the other side: a score of 0-5 or "no" (no thanks).

    ``cleaned_data`` holds ``other`` (a seat of ``others``), ``score`` as a number (0 with
    no thanks), ``no_thanks`` and ``reason``.
    """

    other = forms.ModelChoiceField(
        queryset=DemoDayStartup.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"required": NO_SUCH_PARTICIPANT, "invalid_choice": NO_SUCH_PARTICIPANT},
    )
    score = forms.ChoiceField(
        label=gettext_lazy("Score"),
        choices=SCORE_CHOICES,
        error_messages={
            "invalid_choice": gettext_lazy("The score is a whole number from 0 to 5."),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=200,
        required=False,
        error_messages={"max_length": gettext_lazy("Keep the reason under 200 characters.")},
    )

    def __init__(self, *args: Any, side: str, others: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        other = self.fields["other"]
        other.queryset = others
        other.label = Side.STARTUP.label if side == Side.INVESTOR else Side.INVESTOR.label

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "score" in cleaned:
            cleaned["no_thanks"] = cleaned["score"] == "no"
            cleaned["score"] = 0 if cleaned["no_thanks"] else int(cleaned["score"])
        return cleaned


PAIR_ACTIONS = ("pin", "forbid", "clear")


class ScheduleActionForm(forms.Form):
    """One button of the staff schedule page: run, publish, or a decision on a pair.

    A decision needs both seats of this demo day; a pin needs a slot (1-based, the service
    checks its range). ``decision_arguments`` gives the pair, slot and decision for
    ``decide_pair``.
    """

    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        choices=[
            ("run", gettext_lazy("Run the scheduler")),
            ("publish", gettext_lazy("Publish")),
            ("pin", gettext_lazy("Pin")),
            ("forbid", gettext_lazy("Forbid")),
            ("clear", gettext_lazy("Clear")),
        ],
        error_messages={
            "required": gettext_lazy("Unknown action."),
            "invalid_choice": gettext_lazy("Unknown action."),
        },
    )
    investor = forms.ModelChoiceField(
        label=gettext_lazy("Investor"),
        queryset=DemoDayInvestor.objects.none(),
        required=False,
        error_messages={"invalid_choice": NO_SUCH_PARTICIPANT},
    )
    startup = forms.ModelChoiceField(
        label=gettext_lazy("Startup"),
        queryset=DemoDayStartup.objects.none(),
        required=False,
        error_messages={"invalid_choice": NO_SUCH_PARTICIPANT},
    )
    slot = forms.IntegerField(label=gettext_lazy("Slot"), required=False)

    def __init__(self, *args: Any, demo_day: DemoDay, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investor"].queryset = demo_day.investors.all()
        self.fields["startup"].queryset = demo_day.startups.all()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        action = cleaned.get("action")
        if action in PAIR_ACTIONS:
            for field in ("investor", "startup"):
                if cleaned.get(field) is None and field not in self.errors:
                    self.add_error(field, NO_SUCH_PARTICIPANT)
        if action == "pin" and cleaned.get("slot") is None and "slot" not in self.errors:
            self.add_error("slot", self.fields["slot"].error_messages["required"])
        return cleaned

    def decision_arguments(self) -> dict[str, Any]:
        """``investor``, ``startup``, ``decision`` (None clears) and a 0-based ``slot``."""
        action = self.cleaned_data["action"]
        return {
            "investor": self.cleaned_data["investor"],
            "startup": self.cleaned_data["startup"],
            "decision": None if action == "clear" else Decision(action),
            "slot": self.cleaned_data["slot"] - 1 if action == "pin" else None,
        }
