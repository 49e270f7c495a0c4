import rules

from aihub.accounts.rules import is_hub_staff

rules.add_perm("partners.view_partner", rules.always_allow)
rules.add_perm("partners.view_contacts", rules.is_authenticated)
rules.add_perm("partners.add_partner", is_hub_staff)
rules.add_perm("partners.change_partner", is_hub_staff)
