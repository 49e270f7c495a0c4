"""Forms of the event pages; the services re-check every rule."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aihub.core.errors import ValidationFailed
from aihub.events.enums import EventKind
from aihub.spaces.enums import ROOM_KINDS
from aihub.spaces.models import Space

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


def parse_slots(text: str) -> list[int]:
    """Slots typed as 1-based numbers and ranges ("1-4, 7") → 0-based slot numbers.

    Raises ``ValidationFailed`` naming the part that is not a number or a range.
    """
    slots: set[int] = set()
    for part in (p.strip() for p in str(text).replace(" ", "").split(",")):
        if not part:
            continue
        try:
            if "-" in part[1:]:
                first, last = part.split("-", 1)
                slots.update(range(int(first) - 1, int(last)))
            else:
                slots.add(int(part) - 1)
        except ValueError as error:
            raise ValidationFailed(
                _("“%(part)s” is not a slot number or a range like 1-4.") % {"part": part},
                field="available",
            ) from error
    return sorted(slots)
