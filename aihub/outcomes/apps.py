from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _membership_saved(sender, instance, **kwargs) -> None:
    """Skips the deletions that a company's own deletion cascades to."""
    from aihub.companies.models import Company
    from aihub.outcomes.summary import membership_changed

    origin = kwargs.get("origin")
    if isinstance(origin, Company) or getattr(origin, "model", None) is Company:
        return

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


def _company_deleting(sender, instance, **kwargs) -> None:
    from aihub.outcomes.summary import company_removing

    company_removing(instance)


def _company_deleted(sender, instance, **kwargs) -> None:
    from aihub.outcomes.summary import company_removed

    company_removed(instance)


class OutcomesConfig(AppConfig):
    name = "aihub.outcomes"
    verbose_name = _("Company outcomes")

    def ready(self) -> None:
        """Register the audit actions, and keep the figures' membership summary in step
        with every save or deletion of a membership period, every AI-domain change and every
        deletion of a company."""
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from aihub.companies.models import Company, MembershipPeriod

        # Registers audit actions, navigation entries.
        from aihub.outcomes import audit, nav  # noqa: F401

        post_save.connect(_membership_saved, sender=MembershipPeriod, dispatch_uid="outcomes_mp")
        post_delete.connect(
            _membership_saved, sender=MembershipPeriod, dispatch_uid="outcomes_mp_del"
        )
        m2m_changed.connect(
            _domains_changed, sender=Company.ai_domains.through, dispatch_uid="outcomes_domains"
        )
        pre_delete.connect(_company_deleting, sender=Company, dispatch_uid="outcomes_co_del")
        post_delete.connect(_company_deleted, sender=Company, dispatch_uid="outcomes_co_gone")
