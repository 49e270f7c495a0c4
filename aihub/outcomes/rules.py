"""Who may do what with reporting periods, outcome reports and the hub figures.

Object-level permissions take the company that owns the report or figures.
"""

import rules

from aihub.accounts.rules import is_hub_staff
from aihub.companies.rules import is_company_member, is_company_owner

rules.add_perm("outcomes.manage_periods", is_hub_staff)
rules.add_perm("outcomes.review_reports", is_hub_staff)
rules.add_perm("outcomes.view_dashboard", is_hub_staff)
rules.add_perm("outcomes.export_figures", is_hub_staff)
rules.add_perm("outcomes.view_reports", is_hub_staff | is_company_member)
rules.add_perm("outcomes.file_report", is_company_member)
rules.add_perm("outcomes.manage_consent", is_hub_staff | is_company_owner)
