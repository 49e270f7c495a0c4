from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _membership_saved(sender, instance, **kwargs) -> None:
    from aihub.outcomes.summary import membership_changed

    membership_changed(instance.company_id)


def _domains_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Keep the figures' AI domains in step with ``Company.ai_domains`` from either side."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from aihub.outcomes.summary import membership_changed

    if not reverse:
        membership_changed(instance.pk)
        return
    for company_pk in pk_set or ():
        membership_changed(company_pk)


class OutcomesConfig(AppConfig):
    name = "aihub.outcomes"
    verbose_name = _("Company outcomes")

    def ready(self) -> None:
        """Register the audit actions, and keep the figures' membership summary in step
        with every save or deletion of a membership period and every AI-domain change."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from aihub.companies.models import Company, MembershipPeriod
        from aihub.outcomes import audit  # noqa: F401 (registers the audit actions)

        post_save.connect(_membership_saved, sender=MembershipPeriod, dispatch_uid="outcomes_mp")
        post_delete.connect(
            _membership_saved, sender=MembershipPeriod, dispatch_uid="outcomes_mp_del"
        )
        m2m_changed.connect(
            _domains_changed, sender=Company.ai_domains.through, dispatch_uid="outcomes_domains"
        )
