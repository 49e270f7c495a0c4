import re

import pytest
from django.core import mail
from django.urls import reverse

from aihub.accounts import services
from aihub.accounts.enums import COMPANY_MEMBER, Role
from aihub.core.errors import Conflict, ValidationFailed
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password(client, make_user):
    user = make_user("Login@Example.com")
    response = client.post(
        reverse("accounts:login"), {"username": "login@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("site:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_wrong_password_shows_error(client, make_user):
    make_user("a@example.com")
    response = client.post(
        reverse("accounts:login"), {"username": "a@example.com", "password": "nope"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_logout_is_post(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_link_that_works(client, make_user, run_tasks):
    user = make_user("reset@example.com", language="en")
    client.post(reverse("accounts:password_reset"), {"email": "reset@example.com"})
    run_tasks()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase")


def test_password_reset_unknown_email_sends_nothing(client, run_tasks):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    run_tasks()
    assert mail.outbox == []


def test_create_user_refuses_duplicate_email(make_user):
    make_user("dup@example.com")
    with pytest.raises(Conflict):
        services.create_user(email="DUP@example.com", password=PASSWORD, full_name="중복")


def test_create_user_refuses_unknown_language():
    with pytest.raises(ValidationFailed) as caught:
        services.create_user(
            email="x@example.com", password=PASSWORD, full_name="가", language="fr"
        )
    assert list(caught.value.errors) == ["language"]


def test_user_holds_several_roles(make_user, company, member):
    services.grant_role(user=member, role=Role.TRAINEE, actor=None)
    services.grant_role(user=member, role=Role.JUDGE, actor=None)
    services.grant_role(user=member, role=Role.JUDGE, actor=None)
    assert member.role_set == {Role.TRAINEE, Role.JUDGE, COMPANY_MEMBER}


def test_profile_changes_name_and_language(make_user):
    from conftest import signed_in

    user = make_user()
    client = signed_in(user)
    response = client.post(reverse("accounts:profile"), {"full_name": "새 이름", "language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.language) == ("새 이름", "en")


def test_profile_refuses_unknown_language(make_user):
    from conftest import signed_in

    client = signed_in(make_user())
    response = client.post(reverse("accounts:profile"), {"full_name": "이름", "language": "zz"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["language"]


def test_api_token_created_once_and_revoked(make_user):
    from conftest import signed_in

    user = make_user()
    client = signed_in(user)
    response = client.post(reverse("accounts:create_token"), {"name": "export"})
    key = response.context["key"]
    token = user.api_tokens.get()
    assert token.prefix == key[:8]
    assert token.key_hash != key
    client.post(reverse("accounts:revoke_token", args=[token.pk]))
    assert not user.api_tokens.exists()


def test_cannot_revoke_someone_elses_token(make_user):
    from conftest import signed_in

    owner = make_user()
    token, _key = services.create_api_token(user=owner, name="mine")
    response = signed_in(make_user()).post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 404
    assert owner.api_tokens.count() == 1
