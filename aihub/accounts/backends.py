from typing import Any

from django.contrib.auth.backends import ModelBackend


class EmailPasswordBackend(ModelBackend):
    """Signs people in by email and password; permissions come from django-rules alone.

    Django's model permissions and groups are not used, so asking this backend for them
    costs no database queries.
    """

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False
