"""The partner index and a partner page run a fixed number of SQL queries, whatever the content,
and so do their exports. tests/core/test_query_budget.py holds every page type to the budget."""

import datetime

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from tests.core.test_query_budget import QUERY_BUDGET
from tests.factories import partner_city

pytestmark = pytest.mark.django_db


def _document(name):
    document = Document(title=name)
    document.file.save(f"{name}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


@pytest.fixture
def documents(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return [_document("fa-copy"), _document("en-copy")]


def _add_cities(index, count, fields, documents, start, per_city=3, images=()):
    for n in range(start, start + count):
        partner_city(
            index,
            slug=f"city-{n}",
            title=f"شهر {n}",
            fields=fields,
            gallery=[
                (
                    "image",
                    {
                        "image": image,
                        "alt_text": "x",
                        "decorative": False,
                        "caption": "",
                        "credit": "",
                    },
                )
                for image in images
            ],
            agreements=[
                (
                    "agreement",
                    {
                        "title": f"پیمان {k}",
                        "kind": "mou",
                        "signed_on": datetime.date(2000 + k, 1, 1),
                        "summary": "خلاصه",
                        "documents": [
                            {"language": "fa", "document": documents[0]},
                            {"language": "en", "document": documents[1]},
                        ],
                    },
                )
                for k in range(per_city)
            ],
            exchanges=[
                (
                    "exchange",
                    {
                        "date": datetime.date(2010 + k, 5, 1),
                        "kind": "academic",
                        "title": f"رویداد {k}",
                        "note": "",
                    },
                )
                for k in range(per_city)
            ],
        )


def _count(client, url):
    client.get(url)  # warm the per-process caches (site root paths) the way a live site has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_5_and_50_cities(
    client, partner_index, culture, tourism, documents
):
    _add_cities(partner_index, 5, [culture, tourism], documents, start=0)
    small = {
        "index": _count(client, "/partner-cities/"),
        "filtered": _count(client, "/partner-cities/?field=culture&sort=signed"),
        "city": _count(client, "/partner-cities/city-0/"),
        "csv": _count(client, "/partner-cities/registry/csv/"),
        "calendar": _count(client, "/partner-cities/city-0/calendar/"),
    }
    _add_cities(partner_index, 45, [culture, tourism], documents, start=5)
    large = {
        "index": _count(client, "/partner-cities/"),
        "filtered": _count(client, "/partner-cities/?field=culture&sort=signed"),
        "city": _count(client, "/partner-cities/city-0/"),
        "csv": _count(client, "/partner-cities/registry/csv/"),
        "calendar": _count(client, "/partner-cities/city-0/calendar/"),
    }
    print("queries with 5 cities:", small, "with 50 cities:", large)
    assert small == large
    assert max(large.values()) <= QUERY_BUDGET


def test_a_city_pages_query_count_does_not_grow_with_its_content(
    client, partner_index, culture, tourism, documents
):
    images = [wagtail_factories.ImageFactory() for _ in range(8)]
    _add_cities(partner_index, 1, [culture], documents, start=0, per_city=1, images=images[:1])
    _add_cities(
        partner_index, 1, [culture, tourism], documents, start=1, per_city=12, images=images
    )
    small = _count(client, "/partner-cities/city-0/")
    large = _count(client, "/partner-cities/city-1/")
    print("city page queries, 1 of each:", small, "12 agreements/exchanges, 8 images:", large)
    assert small == large
    assert large <= QUERY_BUDGET
