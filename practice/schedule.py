"""When a reminder is due, in UTC, from local times in its own zone."""

import datetime

ONE_DAY = datetime.timedelta(days=1)


def occurrences(*, weekdays, times, zone, after, until):
    """The UTC instants in (after, until] when local `times` on `weekdays` (Monday=0) come round
    in `zone`, oldest first.

    Wall-clock time is what people mean: 11:00 is 11:00 local on both sides of a daylight-saving
    change. zoneinfo reads a local time with fold=0 (PEP 495), so a time skipped when clocks
    go forward (01:30 in London on the spring Sunday) comes out as the instant an hour on
    (02:30 BST), and a time that happens twice when they go back is its first, once. Two local
    times landing on one instant (01:30 and 02:30 that spring Sunday) are one occurrence."""
    found = set()
    # A day either side: the window's ends fall on other local dates in zones far from UTC.
    day = after.astimezone(zone).date() - ONE_DAY
    last = until.astimezone(zone).date() + ONE_DAY
    while day <= last:
        if day.weekday() in weekdays:
            for local in times:
                moment = datetime.datetime.combine(day, local, tzinfo=zone).astimezone(datetime.UTC)
                if after < moment <= until:
                    found.add(moment)
        day += ONE_DAY
    return sorted(found)
