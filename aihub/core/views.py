"""The one view of core: a trivial page the benchmarks compare against."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: the baseline the benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")
