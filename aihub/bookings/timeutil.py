"""Local (Asia/Seoul) time helpers for bookings; every function is pure."""

import datetime

from django.utils import timezone


def local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def show(moment: datetime.datetime) -> str:
    """``2026-12-01 10:00`` in local time."""
    return local(moment).strftime("%Y-%m-%d %H:%M")


def show_range(starts_at: datetime.datetime, ends_at: datetime.datetime) -> str:
    """``2026-12-01 10:00-11:30`` (an en dash between), or both dates across midnight."""
    start, end = local(starts_at), local(ends_at)
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M}–{end:%Y-%m-%d %H:%M}"


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The aware moment of ``time`` on ``day`` in local time."""
    return timezone.make_aware(datetime.datetime.combine(day, time))


def month_of(moment: datetime.datetime) -> datetime.date:
    return local(moment).date().replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def days(first: datetime.date, count: int) -> list[datetime.date]:
    return [first + datetime.timedelta(days=offset) for offset in range(count)]
