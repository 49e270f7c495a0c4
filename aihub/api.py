"""The hub's API, version 1, under ``/api/v1/``."""

from ninja import NinjaAPI

from aihub.accounts.api_auth import TokenAuth
from aihub.bookings.api import router as bookings_router
from aihub.calls.api import router as calls_router
from aihub.companies.api import router as companies_router
from aihub.core.api import SessionAuth, install_error_handlers
from aihub.events.api import router as events_router
from aihub.jobs.api import router as jobs_router
from aihub.leasing.api import router as leasing_router
from aihub.matching.api import router as matching_router
from aihub.outcomes.api import router as outcomes_router
from aihub.partners.api import router as partners_router
from aihub.spaces.api import router as facilities_router

api = NinjaAPI(
    title="Seoul AI Hub API",
    version="1",
    description=(
        "Companies, facilities, partners, calls and applications, spaces, leases, invoices, "
        "room bookings, outcome reports, the hub's published figures, technical-problem "
        "matching, events and demo-day agendas."
    ),
    auth=[SessionAuth(csrf=True), TokenAuth()],
    urls_namespace="api",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("/companies", companies_router)
api.add_router("/facilities", facilities_router)
api.add_router("/partners", partners_router)
api.add_router("/leasing", leasing_router)
api.add_router("/bookings", bookings_router)
api.add_router("/outcomes", outcomes_router)
api.add_router("/calls", calls_router)
api.add_router("/matching", matching_router)
api.add_router("/events", events_router)
api.add_router("/jobs", jobs_router)
