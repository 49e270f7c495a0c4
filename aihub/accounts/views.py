from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aihub.accounts import services
from aihub.accounts.forms import ApiTokenForm, ProfileForm
from aihub.core.errors import HubError
from aihub.core.forms import add_hub_error


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The user's name, language preference and API tokens."""
    user = request.user
    form = ProfileForm(
        request.POST or None, initial={"full_name": user.full_name, "language": user.language}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=user, **form.cleaned_data)
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "token_form": ApiTokenForm(),
            "tokens": user.api_tokens.all(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        token, key = services.create_api_token(user=request.user, name=form.cleaned_data["name"])
        return render(request, "accounts/token_created.html", {"token": token, "key": key})
    messages.error(request, _("Give the token a name."))
    return redirect("accounts:profile")


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.revoke_api_token(token=token, actor=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")
