"""The demo's citizen diplomats: an open call in both languages, applications across the
pipeline from clearly fictional people, and one road-map meeting held with Xi'an."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from applications.models import Application, ApplicationEvent, ApplicationPage, RoadmapMeeting
from applications.models.pages import CallState
from applications.pipeline import Status, find_transition
from tests.applications.conftest import run_email_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_call_is_open_in_both_languages(seeded, client):
    calls = {page.locale.language_code: page for page in ApplicationPage.objects.live()}
    assert set(calls) == {"fa", "en"}
    assert calls["en"].translation_key == calls["fa"].translation_key
    for page in calls.values():
        assert page.state() == CallState.OPEN
        response = client.get(page.url)
        assert response.status_code == 200
        assert b'class="application-form"' in response.content
    assert calls["fa"].privacy_page.slug == "privacy"


def test_demo_applications_span_the_pipeline_from_fictional_people_who_get_no_email(seeded):
    applications = list(Application.objects.prefetch_related("partner_cities", "events"))
    assert {a.status for a in applications} == set(Status.values)
    cities = {city.slug for a in applications for city in a.partner_cities.all()}
    assert len(cities) >= 10
    assert {a.language for a in applications} == {"fa", "en"}

    for application in applications:
        assert application.email.endswith("@example.org")
        assert "نمونه" in application.full_name or "Example" in application.full_name
        steps = [e for e in application.events.all() if e.kind == ApplicationEvent.Kind.TRANSITION]
        for step in steps:
            assert find_transition(step.from_status, step.to_status) is not None
        if steps:
            assert steps[-1].to_status == application.status

    run_email_worker()
    assert mail.outbox == []

    call_command("seed_demo", stdout=StringIO())
    assert Application.objects.count() == len(applications)
    assert RoadmapMeeting.objects.count() == 1


def test_the_xian_meeting_has_a_road_map_shown_on_the_city_page(seeded, client):
    meeting = RoadmapMeeting.objects.select_related("partner_city").get()
    assert meeting.partner_city.slug == "xian"
    invited = list(meeting.invited_facilitators.all())
    assert invited and all(a.status == Status.ACCEPTED for a in invited)
    public = [item for item in meeting.items.all() if item.is_public]
    internal = [item for item in meeting.items.all() if not item.is_public]
    assert public and internal

    for city in meeting.partner_city.get_translations(inclusive=True):
        html = client.get(city.url).content.decode()
        assert 'id="roadmap-heading"' in html
        assert all(item.action in html for item in public)
        assert all(item.action not in html for item in internal)
