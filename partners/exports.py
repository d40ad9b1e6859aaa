"""Open data: the registry of partner cities (CSV and JSON, one schema) and iCalendar feeds.

The schema is documented in docs/open-data.md; change it only by adding columns at the end and
bumping SCHEMA_VERSION.
"""

import csv
import datetime
import io
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event
from persiantools.jdatetime import JalaliDate

from core.navigation import public_url
from partners.blocks import ExchangeKind

SCHEMA_VERSION = 1
EXCHANGE_KINDS = dict(ExchangeKind.CHOICES)
COLUMNS = [
    "id",
    "slug",
    "name",
    "native_name",
    "country_code",
    "country_name",
    "region",
    "latitude",
    "longitude",
    "relationship_kind",
    "status",
    "signed_on",
    "signed_on_jalali",
    "signed_year",
    "council_resolution",
    "fields_of_cooperation",
    "agreements",
    "latest_event_on",
    "activity_level",
    "url",
]


def registry_rows(cities, request):
    """One dict per city with exactly COLUMNS as keys, in the active language."""
    from partners.timeline import latest_event_dates

    latest = latest_event_dates(cities)
    rows = []
    for city in sorted(cities, key=lambda c: c.slug):
        activity = city.activity(latest.get(city.pk))
        latest_on = latest.get(city.pk)
        rows.append(
            {
                "id": str(city.translation_key),
                "slug": city.slug,
                "name": city.title,
                "native_name": city.native_name,
                "country_code": city.country.code,
                "country_name": str(city.country.name),
                "region": city.region,
                "latitude": float(city.latitude) if city.latitude is not None else None,
                "longitude": float(city.longitude) if city.longitude is not None else None,
                "relationship_kind": city.relationship_kind,
                "status": city.status,
                "signed_on": city.signed_on.isoformat() if city.signed_on else None,
                "signed_on_jalali": (
                    JalaliDate(city.signed_on).isoformat() if city.signed_on else None
                ),
                "signed_year": city.signed_year,
                "council_resolution": city.council_resolution,
                "fields_of_cooperation": sorted(f.slug for f in city.fields_of_cooperation.all()),
                "agreements": len(city.agreements),
                "latest_event_on": latest_on.isoformat() if latest_on else None,
                "activity_level": activity["level"] if activity else None,
                "url": public_url(city.get_url(request=request)),
            }
        )
    return rows


def uid_domain() -> str:
    """The domain in calendar UIDs: the public address's, whatever host served the request."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def registry_csv(rows) -> str:
    """CSV with a byte-order mark, so spreadsheet programs read the Persian text as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "fields_of_cooperation": ";".join(row["fields_of_cooperation"]),
                **{k: "" for k, v in row.items() if v is None},
            }
        )
    return buffer.getvalue()


def registry_json(rows, language) -> str:
    # Empty text is null in JSON, as the schema says.
    rows = [{k: (None if v == "" else v) for k, v in row.items()} for row in rows]
    document = {
        "schema_version": SCHEMA_VERSION,
        "language": language,
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "count": len(rows),
        "columns": COLUMNS,
        "cities": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def exchanges_calendar(city, request) -> bytes:
    """An RFC 5545 calendar of the city's dated exchanges, one all-day event each.

    UIDs combine the page's translation key with the block's id and the site's public domain,
    so they are stable across downloads and host names: a calendar that subscribes updates
    events instead of duplicating them.
    """
    host = uid_domain()
    calendar = Calendar()
    calendar.add("prodid", "-//Diplomat//Partner city exchanges//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", city.title)
    page_url = public_url(city.get_url(request=request))
    stamp = city.last_published_at or timezone.now()
    for block in city.exchanges:
        value = block.value
        event = Event()
        event.add("uid", f"{city.translation_key}-{block.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", value["date"])
        event.add("dtend", value["date"] + datetime.timedelta(days=1))
        event.add("summary", value["title"])
        if value.get("note"):
            event.add("description", value["note"])
        event.add("categories", [str(EXCHANGE_KINDS.get(value["kind"], value["kind"]))])
        event.add("url", page_url)
        calendar.add_component(event)
    return calendar.to_ical()
