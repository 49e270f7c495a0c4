"""Who may do what with spaces, leases, invoices and payments.

Object permissions take the company that owns the lease or invoice: staff manage
everything, members of a company read that company's leases and invoices.
"""

import rules

from aihub.accounts.rules import is_hub_staff, is_signed_in
from aihub.companies.rules import is_company_member

rules.add_perm("leasing.view_dashboard", is_hub_staff)
rules.add_perm("leasing.view_spaces", is_signed_in)
rules.add_perm("leasing.manage_spaces", is_hub_staff)
rules.add_perm("leasing.manage_prices", is_hub_staff)
rules.add_perm("leasing.list_all", is_hub_staff)
rules.add_perm("leasing.manage_leases", is_hub_staff)
rules.add_perm("leasing.run_invoices", is_hub_staff)
rules.add_perm("leasing.manage_invoices", is_hub_staff)
rules.add_perm("leasing.record_payments", is_hub_staff)
rules.add_perm("leasing.export", is_hub_staff)
rules.add_perm("leasing.view_company_leasing", is_hub_staff | is_company_member)
