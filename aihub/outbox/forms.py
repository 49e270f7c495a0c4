from django import forms
from django.utils.translation import gettext_lazy as _

from aihub.outbox.enums import MailState


class MailFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *MailState.choices]
    )
