"""Forms of the matching pages; they parse only, the services check the rules."""

import datetime

from django import forms
from django.conf import settings
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from aihub.accounts.models import User
from aihub.matching.enums import ExpertKind, HelpKind, SessionMode
from aihub.matching.models import Expert
from aihub.partners.models import Partner
from aihub.spaces.enums import SpaceKind
from aihub.spaces.models import Space


def _split_tags(text: str) -> list[str]:
    return [tag.strip() for tag in text.split(",") if tag.strip()]


class DemandForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description_ko = forms.CharField(
        label=_("Description (Korean)"), widget=forms.Textarea, required=False, strip=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea, required=False, strip=False
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("AI topics separated by commas, for example 자연어처리, LLM, OCR."),
    )
    help_kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpKind.choices)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    confidential = forms.BooleanField(
        label=_("Confidential: only staff and matched experts see it"),
        required=False,
        initial=True,
    )

    def clean_tags(self) -> list[str]:
        return _split_tags(self.cleaned_data["tags"])


class OutcomeForm(forms.Form):
    outcome_note = forms.CharField(label=_("Outcome note"), widget=forms.Textarea, required=False)


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    minutes = forms.TypedChoiceField(
        label=_("Length"),
        coerce=int,
        choices=[(30, _("30 minutes")), (45, _("45 minutes")), (60, _("60 minutes"))],
    )
    mode = forms.ChoiceField(label=_("Where"), choices=SessionMode.choices)
    room = forms.ModelChoiceField(
        label=_("Room"),
        required=False,
        queryset=Space.objects.filter(
            kind__in=(SpaceKind.MEETING_ROOM, SpaceKind.EDUCATION_ROOM, SpaceKind.LOUNGE)
        ).select_related("facility"),
    )


class NotesForm(forms.Form):
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)


class UserEmailChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.email


class ExpertForm(forms.Form):
    """An expert profile as staff edit it; the service checks names, text, tags and hours.

    ``capacity`` accepts any whole number so that a negative one is refused by the service
    with its own message.
    """

    kind = forms.ChoiceField(label=_("Kind"), choices=ExpertKind.choices)
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=150, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=150, required=False)
    profile_ko = forms.CharField(
        label=_("Profile (Korean)"), widget=forms.Textarea, required=False, strip=False
    )
    profile_en = forms.CharField(
        label=_("Profile (English)"), widget=forms.Textarea, required=False, strip=False
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("AI topics separated by commas, for example 자연어처리, LLM, OCR."),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner institution"), queryset=Partner.objects.order_by("name_en"), required=False
    )
    user = UserEmailChoiceField(
        label=_("Linked account"),
        queryset=User.objects.filter(is_active=True).order_by("email"),
        required=False,
        help_text=_("The account the expert signs in with to answer matches."),
    )
    email = forms.EmailField(label=_("Email address"), required=False)
    language = forms.ChoiceField(label=_("Language of mail"), choices=settings.LANGUAGES)
    capacity = forms.IntegerField(
        label=_("Capacity per quarter"),
        initial=2,
        help_text=_("Matches per quarter; 0 keeps the expert listed but never assigned."),
    )
    available = forms.BooleanField(label=_("Available"), required=False, initial=True)
    office_days = forms.TypedMultipleChoiceField(
        label=_("Office days"),
        choices=sorted(WEEKDAYS.items()),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=[0, 1, 2, 3, 4],
    )
    office_start = forms.TimeField(
        label=_("Office hours from"),
        initial=datetime.time(10, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    office_end = forms.TimeField(
        label=_("Office hours until"),
        initial=datetime.time(17, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean_tags(self) -> list[str]:
        return _split_tags(self.cleaned_data["tags"])

    @classmethod
    def initial_for(cls, expert: Expert) -> dict[str, object]:
        """The form's initial values for an existing profile."""
        initial: dict[str, object] = {
            name: getattr(expert, name) for name in cls.base_fields if name != "tags"
        }
        initial["tags"] = ", ".join(expert.tags)
        initial["partner"] = expert.partner_id
        initial["user"] = expert.user_id
        return initial
