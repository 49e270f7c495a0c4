"""Forms of the matching pages; they parse only, the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aihub.leasing.enums import SpaceKind
from aihub.leasing.models import Space
from aihub.matching.enums import HelpKind, SessionMode


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
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


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
