"""Only hub staff see the outbox; nobody sees another person's mail anywhere else."""

import rules


@rules.predicate
def is_hub_staff(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_hub_staff", False))


rules.add_perm("outbox.view_outbox", is_hub_staff)
rules.add_perm("outbox.resend_mail", is_hub_staff)
