"""Editors write and submit; only moderators publish, through the "Moderators approval" workflow."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def _page_form(title, slug, action):
    data = nested_form_data({"title": title, "slug": slug, "intro": "", "body": streamfield([])})
    data[action] = "1"
    return data


def test_editor_submits_and_moderator_publishes(client, editor, moderator, fa_home):
    add_url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", fa_home.pk))

    client.force_login(editor)
    response = client.post(add_url, _page_form("خبر تازه", "fresh", "action-submit"))
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="fresh")
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/fresh/").status_code == 404

    client.force_login(moderator)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get("/fresh/").status_code == 200


def test_an_editor_cannot_publish_directly(client, editor, fa_home):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", fa_home.pk))
    client.post(add_url, _page_form("پیش‌نویس", "draft-only", "action-publish"))
    page = StandardPage.objects.get(slug="draft-only")
    assert not page.live
