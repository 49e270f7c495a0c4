from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from aihub.companies.enums import CompanyStatus, MemberRole, MembershipKind, Stage
from aihub.companies.images import validate_logo
from aihub.companies.models import AIDomain, Company
from aihub.companies.queries import CompanyFilters
from aihub.companies.validators import normalize_registration_number
from aihub.core.errors import HubError
from aihub.core.models import is_english, pick
from aihub.spaces.models import Facility


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CompanyForm(forms.ModelForm):
    registration_number = forms.CharField(
        label=_("Business registration number"),
        max_length=12,
        help_text=_("10 digits, with or without hyphens: 123-45-67890."),
    )
    ai_domains = forms.ModelMultipleChoiceField(
        label=_("AI domains"),
        queryset=AIDomain.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )
    homepage = forms.URLField(label=_("Homepage"), required=False, assume_scheme="https")
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Company
        fields = [
            "name_ko",
            "name_en",
            "registration_number",
            "founded_on",
            "representative",
            "stage",
            "headcount",
            "homepage",
            "ai_domains",
            "description_ko",
            "description_en",
        ]
        widgets = {
            "founded_on": DateInput(),
            "description_ko": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["registration_number"] = self.instance.registration_number_display
        else:
            del self.fields["remove_logo"]

    def clean_registration_number(self) -> str:
        try:
            return normalize_registration_number(self.cleaned_data["registration_number"])
        except HubError as error:
            raise forms.ValidationError(str(error.message), code=error.code) from error

    def clean_logo(self) -> object:
        logo = self.cleaned_data.get("logo")
        if logo:
            try:
                validate_logo(logo)
            except HubError as error:
                raise forms.ValidationError(str(error.message), code=error.code) from error
        return logo

    def validate_unique(self) -> None:
        """Uniqueness is the service's to check, with its own message."""

    def service_arguments(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        data["ai_domains"] = list(data["ai_domains"])
        return data


class CompanyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("Name, number or representative")}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *CompanyStatus.choices]
    )
    facility = forms.ChoiceField(label=_("Facility"), required=False)
    domain = forms.ChoiceField(label=_("AI domain"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All")), *Stage.choices]
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("-created", _("Newest in the registry")),
            ("-founded", _("Founded, newest first")),
            ("founded", _("Founded, oldest first")),
            ("-headcount", _("Headcount, largest first")),
        ],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        english = is_english()
        everything = ("", _("All"))
        self.fields["facility"].choices = [everything] + [
            (slug, pick(ko, en, english=english))
            for slug, ko, en in Facility.objects.values_list("slug", "name_ko", "name_en")
        ]
        self.fields["domain"].choices = [everything] + [
            (code, pick(ko, en, english=english))
            for code, ko, en in AIDomain.objects.values_list("code", "name_ko", "name_en")
        ]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)


class MembershipPeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MembershipKind.choices)
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.all(), required=False
    )
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), widget=DateInput(), required=False)


class EndMembershipForm(forms.Form):
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())


class LanguageChoiceForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)


def company_filters(data: Any) -> tuple[CompanyFilterForm, CompanyFilters]:
    """The list's filter form bound to ``data`` (a query dict) and the filters it gives."""
    form = CompanyFilterForm(data or None)
    if form.is_valid():
        return form, CompanyFilters(**{k: v for k, v in form.cleaned_data.items() if v})
    return form, CompanyFilters()
