"""HTML forms of the calls pages: they parse input; the services decide."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aihub.calls import formschema
from aihub.calls.enums import CallKind, FieldType, HeadOffice, Outcome, TieBreak
from aihub.calls.models import Call
from aihub.companies.models import AIDomain, Company
from aihub.core.errors import HubError
from aihub.core.models import is_english, pick
from aihub.spaces.models import Facility


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return pick(obj.name_ko, obj.name_en, english=is_english())


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return pick(obj.name_ko, obj.name_en, english=is_english())


class CallForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CallKind.choices)
    title_ko = forms.CharField(label=_("Title (Korean)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    text_ko = forms.CharField(
        label=_("Announcement (Korean)"), widget=forms.Textarea, required=False
    )
    text_en = forms.CharField(
        label=_("Announcement (English)"), widget=forms.Textarea, required=False
    )
    places = forms.IntegerField(label=_("Places"), min_value=1)
    opens_at = forms.DateTimeField(
        label=_("Opens at (Seoul time)"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at (Seoul time)"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    facility = NamedChoiceField(
        label=_("Facility"),
        queryset=Facility.objects.order_by("-is_anchor", "opened_on"),
        required=False,
    )
    membership_starts_on = forms.DateField(
        label=_("Membership starts on"), widget=DateInput(), required=False
    )
    membership_ends_on = forms.DateField(
        label=_("Membership ends on"), widget=DateInput(), required=False
    )
    founded_within_years = forms.IntegerField(
        label=_("Founded within (years)"), min_value=1, max_value=50, required=False
    )
    ai_domain = forms.BooleanField(label=_("Must work in an AI domain"), required=False)
    seoul_head_office = forms.BooleanField(
        label=_("Head office in Seoul or moving there within 2 months"), required=False
    )
    not_resident = forms.BooleanField(label=_("Must not be resident already"), required=False)
    form_fields = forms.CharField(
        label=_("Application form"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "One field per line: key | type | Korean label | English label | required or "
            "optional | for a choice: value=Korean=English; value=Korean=English. Types: text, "
            "long_text, number, choice, date, file."
        ),
    )
    tie_break = forms.ChoiceField(label=_("Tie-break"), choices=TieBreak.choices)
    standard_rubric = forms.BooleanField(
        label=_("Add the standard document review (blind, cut-off 60 points)"),
        required=False,
        initial=True,
    )

    def clean_form_fields(self) -> list[dict[str, Any]]:
        try:
            return formschema.parse_lines(self.cleaned_data.get("form_fields") or "")
        except HubError as error:
            raise forms.ValidationError(str(error.message)) from error

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title_ko": data["title_ko"],
            "title_en": data["title_en"],
            "text_ko": data["text_ko"],
            "text_en": data["text_en"],
            "places": data["places"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "facility": data["facility"],
            "membership_starts_on": data["membership_starts_on"],
            "membership_ends_on": data["membership_ends_on"],
            "eligibility_rules": {
                "founded_within_years": data["founded_within_years"],
                "ai_domain": data["ai_domain"],
                "seoul_head_office": data["seoul_head_office"],
                "not_resident": data["not_resident"],
            },
            "form_schema": data["form_fields"],
            "tie_break": data["tie_break"],
            "standard_rubric": data["standard_rubric"],
        }


class StageForm(forms.Form):
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100)
    blind = forms.BooleanField(label=_("Blind review"), required=False)
    normalise = forms.BooleanField(label=_("Normalise per judge (z-score)"), required=False)
    cutoff = forms.DecimalField(
        label=_("Cut-off (points of 100)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
    )
    judges_per_application = forms.IntegerField(
        label=_("Judges per application"), min_value=1, max_value=20, initial=2
    )


class CriterionForm(forms.Form):
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=1000)
    min_score = forms.IntegerField(label=_("Lowest score"), initial=0)
    max_score = forms.IntegerField(label=_("Highest score"), initial=10)


HEAD_OFFICE_HELP = _("The hub supports companies based in Seoul.")


class SignUpApplyForm(forms.Form):
    """Everything a newcomer gives to apply: their account, their company, the consent."""

    full_name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    company_name_ko = forms.CharField(label=_("Company name (Korean)"), max_length=100)
    company_name_en = forms.CharField(label=_("Company name (English)"), max_length=100)
    registration_number = forms.CharField(label=_("Business registration number"), max_length=12)
    founded_on = forms.DateField(label=_("Founded on"), widget=DateInput())
    representative = forms.CharField(label=_("Representative"), max_length=100)
    ai_domains = NamedMultipleChoiceField(
        label=_("AI domains"),
        queryset=AIDomain.objects.order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    head_office = forms.ChoiceField(
        label=_("Head office"),
        choices=HeadOffice.choices,
        widget=forms.RadioSelect,
        help_text=HEAD_OFFICE_HELP,
    )
    consent = forms.BooleanField(
        label=_("I agree to the collection and use of personal data."), required=False
    )


class StartApplicationForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=Company.objects.none())
    head_office = forms.ChoiceField(
        label=_("Head office"),
        choices=HeadOffice.choices,
        widget=forms.RadioSelect,
        help_text=HEAD_OFFICE_HELP,
    )
    consent = forms.BooleanField(
        label=_("I agree to the collection and use of personal data."), required=False
    )

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.fields["company"].label_from_instance = lambda c: pick(
            c.name_ko, c.name_en, english=is_english()
        )


def answer_field(spec: dict[str, Any], english: bool) -> forms.Field:
    """A form field for one field of the call's form; the service checks the value."""
    label = pick(spec["label_ko"], spec["label_en"], english=english)
    kind = spec["type"]
    if kind == FieldType.LONG_TEXT:
        widget: forms.Widget = forms.Textarea(attrs={"rows": 5})
    elif kind == FieldType.NUMBER:
        widget = forms.TextInput(attrs={"inputmode": "decimal"})
    elif kind == FieldType.DATE:
        widget = DateInput()
    elif kind == FieldType.CHOICE:
        choices = [("", "—")] + [
            (c["value"], pick(c["label_ko"], c["label_en"], english=english))
            for c in spec["choices"]
        ]
        widget = forms.Select(choices=choices)
    else:
        widget = forms.TextInput()
    help_text = _("Required to submit.") if spec.get("required") else ""
    return forms.CharField(label=label, required=False, widget=widget, help_text=help_text)


class AnswersForm(forms.Form):
    """The call's own questions (all but files) and the head-office declaration."""

    head_office = forms.ChoiceField(
        label=_("Head office"),
        choices=[("", "—"), *HeadOffice.choices],
        required=False,
        help_text=HEAD_OFFICE_HELP,
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        english = is_english()
        for spec in call.fields:
            if spec["type"] != FieldType.FILE:
                self.fields[spec["key"]] = answer_field(spec, english)
        self.keys = [spec["key"] for spec in call.fields if spec["type"] != FieldType.FILE]

    def answers(self) -> dict[str, Any]:
        return {key: self.cleaned_data.get(key) for key in self.keys}


class UploadForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("File"))


class ScoreForm(forms.Form):
    """One score and one comment per criterion of the stage's rubric."""

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                required=False,
                widget=forms.NumberInput(
                    attrs={"min": criterion.min_score, "max": criterion.max_score}
                ),
                help_text=_("%(min)d to %(max)d points, weight %(weight)d")
                % {
                    "min": criterion.min_score,
                    "max": criterion.max_score,
                    "weight": criterion.weight,
                },
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
            )

    def scores(self) -> list[dict[str, Any]]:
        return [
            {
                "criterion": c.pk,
                "value": self.cleaned_data.get(f"score_{c.pk}"),
                "comment": self.cleaned_data.get(f"comment_{c.pk}", ""),
            }
            for c in self.criteria
        ]


class RecuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the conflict"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    judge = forms.IntegerField(label=_("Judge"))


class BalanceForm(forms.Form):
    per_application = forms.IntegerField(
        label=_("Judges per application"), min_value=1, max_value=20
    )


class DecideForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)


class CallEditForm(CallForm):
    """The call form for a draft or unsubmitted call, filled from the call."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["standard_rubric"]

    @staticmethod
    def initial_for(call: Call) -> dict[str, Any]:
        rules = call.eligibility or {}
        return {
            "kind": call.kind,
            "title_ko": call.title_ko,
            "title_en": call.title_en,
            "text_ko": call.text_ko,
            "text_en": call.text_en,
            "places": call.places,
            "opens_at": call.opens_at,
            "closes_at": call.closes_at,
            "facility": call.facility_id,
            "membership_starts_on": call.membership_starts_on,
            "membership_ends_on": call.membership_ends_on,
            "founded_within_years": rules.get("founded_within_years"),
            "ai_domain": bool(rules.get("ai_domain")),
            "seoul_head_office": bool(rules.get("seoul_head_office")),
            "not_resident": bool(rules.get("not_resident")),
            "form_fields": formschema.as_lines(call.fields),
            "tie_break": call.tie_break,
        }

    def service_arguments(self) -> dict[str, Any]:
        self.cleaned_data.setdefault("standard_rubric", False)
        arguments = super().service_arguments()
        del arguments["standard_rubric"]
        return arguments
