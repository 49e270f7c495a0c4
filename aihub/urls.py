from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from aihub.api import api

urlpatterns = [
    path("", include("aihub.site.urls")),
    path("", include("aihub.core.urls")),
    path("accounts/", include("aihub.accounts.urls")),
    path("companies/", include("aihub.companies.urls")),
    path("facilities/", include("aihub.spaces.urls")),
    path("partners/", include("aihub.partners.urls")),
    path("leasing/", include("aihub.leasing.urls")),
    path("bookings/", include("aihub.bookings.urls")),
    path("outcomes/", include("aihub.outcomes.urls")),
    path("calls/", include("aihub.calls.urls")),
    path("matching/", include("aihub.matching.urls")),
    path("events/", include("aihub.events.urls")),
    path("jobs/", include("aihub.jobs.urls")),
    path("outbox/", include("aihub.outbox.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
