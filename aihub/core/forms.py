"""Helpers shared by the forms of every app."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from aihub.core.errors import HubError


def add_hub_error(form: forms.Form, error: HubError) -> None:
    """Show a service's refusal on the form: next to its fields, or above the form."""
    placed = False
    for field, field_messages in error.errors.items():
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)
        placed = True
    if not placed:
        form.add_error(None, str(error.message))


def report_form_errors(request: HttpRequest, form: forms.Form) -> None:
    """Turn a small inline form's errors into page messages, each named by its field."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
