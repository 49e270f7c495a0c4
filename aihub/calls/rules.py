"""Who may do what in open recruitment.

Staff run calls and judging; members of a company apply for it and read its applications;
judges read and score the applications assigned to them (the assignment is checked by
``queries.assignment_for_judge``, which also keeps conflicted judges out).
"""

import rules

from aihub.accounts.enums import Role
from aihub.accounts.rules import has_role, is_hub_staff
from aihub.companies.rules import is_company_member

is_judge = has_role(Role.JUDGE)

rules.add_perm("calls.manage_calls", is_hub_staff)
rules.add_perm("calls.view_applications", is_hub_staff | is_company_member)
rules.add_perm("calls.apply", is_company_member)
rules.add_perm("calls.decline", is_hub_staff | is_company_member)
rules.add_perm("calls.judge", is_judge)
