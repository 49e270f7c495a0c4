from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from aihub.spaces.models import Facility


def facilities_for_public() -> QuerySet[Facility]:
    """Every facility with its floors and how many companies it hosts today."""
    today = timezone.localdate()
    current = Q(membership_periods__starts_on__lte=today) & (
        Q(membership_periods__ends_on__isnull=True) | Q(membership_periods__ends_on__gte=today)
    )
    return (
        Facility.objects.prefetch_related("floors")
        .annotate(
            current_companies=Count("membership_periods__company", filter=current, distinct=True)
        )
        .order_by("-is_anchor", "opened_on", "id")
    )
