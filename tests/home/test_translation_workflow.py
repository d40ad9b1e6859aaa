"""A Persian page goes through wagtail-localize's admin workflow to a published English page."""

from urllib.parse import urlencode

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

ENGLISH = {
    "درباره شهرهای خواهرخوانده": "About sister cities",
    "sister-cities": "sister-cities",
    "پیوند اصفهان با شهرهای جهان": "Isfahan's ties with the world's cities",
    "نخستین پیمان با شیان امضا شد.": "The first agreement was signed with Xi'an.",
}


def test_persian_page_is_translated_to_english_and_published_in_the_admin(
    client, moderator, en_locale, django_capture_on_commit_callbacks
):
    source = StandardPageFactory(
        title="درباره شهرهای خواهرخوانده",
        slug="sister-cities",
        intro="پیوند اصفهان با شهرهای جهان",
        body=[("paragraph", "<p>نخستین پیمان با شیان امضا شد.</p>")],
    )
    client.force_login(moderator)

    # 1. Submit the page for translation into English.
    response = client.post(f"/admin/localize/submit/page/{source.pk}/", {"locales": [en_locale.pk]})
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=source.translation_key)
    target = Page.objects.get(translation_key=source.translation_key, locale=en_locale)
    assert not target.live

    # 2. Translate every string segment through the editor's API.
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    assert {segment.string.data for segment in segments} == set(ENGLISH)
    for segment in segments:
        response = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            urlencode({"value": ENGLISH[segment.string.data]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 201, response.content

    # 3. Publish the translation from its edit view (wagtail-localize publishes on commit).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.live

    # 4. Each language's URL serves its own text.
    client.logout()
    persian = client.get("/sister-cities/").content.decode()
    english = client.get("/en/sister-cities/").content.decode()
    assert "<h1>درباره شهرهای خواهرخوانده</h1>" in persian
    assert "نخستین پیمان با شیان امضا شد." in persian
    assert "Xi'an" not in persian
    assert "<h1>About sister cities</h1>" in english
    assert "The first agreement was signed with Xi'an." in english
    assert "شیان" not in english
    # ... and the switcher now links the two.
    assert 'href="/en/sister-cities/" hreflang="en"' in persian
    assert 'href="/sister-cities/" hreflang="fa"' in english


def test_translation_editor_gets_the_direction_script(client, moderator, en_locale):
    source = StandardPageFactory(slug="direction")
    client.force_login(moderator)
    client.post(f"/admin/localize/submit/page/{source.pk}/", {"locales": [en_locale.pk]})
    target = Page.objects.get(translation_key=source.translation_key, locale=en_locale)
    html = client.get(f"/admin/pages/{target.pk}/edit/").content.decode()
    assert 'class="js-translation-editor"' in html
    assert "js/admin/translation-direction.js" in html
    assert 'data-rtl-languages="[&quot;fa&quot;]"' in html
