from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aihub.companies.forms import DateInput
from aihub.partners.enums import PartnerKind
from aihub.partners.models import Partner


class PartnerForm(forms.ModelForm):
    homepage = forms.URLField(label=_("Homepage"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = [
            "name_ko",
            "name_en",
            "kind",
            "country",
            "homepage",
            "description_ko",
            "description_en",
        ]
        widgets = {
            "description_ko": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def validate_unique(self) -> None:
        """Uniqueness is the service's to check, with its own message."""

    def clean_country(self) -> str:
        return self.cleaned_data["country"].strip().upper()


class PartnerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=forms.SearchInput()
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *PartnerKind.choices]
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    title = forms.CharField(
        label=pgettext_lazy("job title", "Title"), max_length=100, required=False
    )
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)


class AgreementForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("agreement", "Title"), max_length=200)
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    items = forms.CharField(
        label=_("Items"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One item per line."),
    )

    def clean_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
