from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from aihub.accounts.enums import COMPANY_MEMBER, Role
from aihub.outbox.services import queue_mail


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class OutboxPasswordResetForm(PasswordResetForm):
    """The password-reset link goes through the outbox, in the account holder's language."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        queue_mail(
            recipients=[user],
            subject=lambda _recipient: render_to_string(subject_template_name, context).strip(),
            template=email_template_name,
            context=context,
            related=user,
            confidential=True,
        )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, like “accounting export”."),
    )


class SignUpForm(forms.Form):
    """Name, password and language of a person who accepts an invitation."""

    full_name = forms.CharField(label=_("Full name"), max_length=100)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="ko")


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=forms.SearchInput()
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("All")), *Role.choices, (COMPANY_MEMBER, _("Company member"))],
    )


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="ko")
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    grant = forms.BooleanField(required=False)
