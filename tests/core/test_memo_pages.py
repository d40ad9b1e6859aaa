"""Pages served with the memo on (core/memo.py) are the pages served without it.

With the memo on, the listings a page shows, what it shows of other rows, and the parts of its
markup that are the same for every reader (``{% memo_fragment %}``, ``memo.rendered``) are kept
until the next publication. These tests build the query-budget site (every page type, both
languages) and check that each page is the same HTML with the memo as without, in fewer
queries, and that a publication is seen at once wherever something kept showed it.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import memo, page_cache
from home.models import StandardPage
from partners.models import CulturalWeekPage, PartnerCityPage
from stories.models import StoryPage
from tests.core.test_query_budget import LANGUAGES, SEARCH_WORDS, Content, _urls

pytestmark = pytest.mark.django_db

# What differs between two requests for the same page whatever is kept: the form's tokens and
# the reCAPTCHA widget's id.
PER_REQUEST = re.compile(
    r'((?:name="(?:csrfmiddlewaretoken|submission_token)" value|data-widget-uuid)=")[^"]*"'
)


def _same_for_everyone(html):
    return PER_REQUEST.sub(r'\1…"', html)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _counted(client, url):
    with CaptureQueriesContext(connection) as queries:
        html = _get(client, url)
    return html, len(queries.captured_queries)


@pytest.fixture
def site(en_locale, settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path
    settings.PAGE_CACHE_ENABLED = False
    reviewer = django_user_model.objects.create_user(username="reviewer", password="x")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    content = Content(en_locale, reviewer)
    slugs = content.build_small()
    memo.clear()
    yield content, slugs
    memo.clear()


def test_every_page_type_is_the_same_page_with_the_memo_in_fewer_queries(client, site, settings):
    _content, slugs = site
    counts = {}
    for language in LANGUAGES:
        for page_type, url in _urls(slugs, language).items():
            settings.MEMO_ENABLED = False
            _get(client, url)  # renditions made once, as on a live site
            without, cold = _counted(client, url)
            settings.MEMO_ENABLED = True
            memo.clear()
            first, _queries = _counted(client, url)
            kept, warm = _counted(client, url)
            assert _same_for_everyone(first) == _same_for_everyone(without), url
            assert _same_for_everyone(kept) == _same_for_everyone(without), url
            counts[page_type, language] = (cold, warm)
    table = "\n".join(
        f"{page_type:<20} {language}  {cold:>2} → {warm}"
        for (page_type, language), (cold, warm) in counts.items()
    )
    print(f"\nqueries without the memo → with it\n{table}")
    # Nothing is read again but the search index, for a search (its ranking is kept, the count
    # past the kept pages is not).
    assert all(warm <= 1 and warm < cold for cold, warm in counts.values()), table


def test_a_publication_is_seen_at_once_wherever_something_kept_showed_it(client, site, settings):
    """Each kind of change moves the generation on (the signals fire for it), so every page that
    kept something of it shows the change at once."""
    content, slugs = site
    settings.MEMO_ENABLED = True
    urls = _urls(slugs, "fa")
    for url in urls.values():
        _get(client, url)
        _get(client, url)

    # A story's new title: on the home page, the story index, its city's timeline, the search
    # results and the other stories that list it as related.
    story = StoryPage.objects.get(slug=slugs["story"], locale__language_code="fa")
    other = StoryPage.objects.filter(locale=story.locale).exclude(pk=story.pk).first()
    _get(client, other.url)
    story.title = f"گزارش {SEARCH_WORDS['fa']} تازه"
    story.save_revision().publish()
    for page_type in ("home", "story index", "partner city", "search"):
        assert story.title in _get(client, urls[page_type]), page_type
    assert story.title in _get(client, other.url)

    # A programme item renamed: in the week's programme.
    week = CulturalWeekPage.objects.get(slug=slugs["week"], locale__language_code="fa")
    items = list(week.programme_items.all())
    items[0].title = "کنسرت تازه"
    week.programme_items = items
    week.save_revision().publish()
    assert "کنسرت تازه" in _get(client, urls["cultural week"])

    # A city renamed: its row in the index, its box among the form's questions, the stories
    # that name it and the week it hosts.
    city = PartnerCityPage.objects.get(slug=slugs["city"], locale__language_code="fa")
    city.title = "شهر دوست تازه"
    city.save_revision().publish()
    for page_type in ("partner index", "application", "story", "cultural week"):
        assert "شهر دوست تازه" in _get(client, urls[page_type]), page_type

    # A page's own body, kept as markup: the standard page's and the city's.
    about = StandardPage.objects.get(slug=slugs["page"], locale__language_code="fa")
    about.body = [("paragraph", "<p>متن تازهٔ صفحه</p>")]
    about.save_revision().publish()
    assert "متن تازهٔ صفحه" in _get(client, urls["standard page"])
    city.body = [("paragraph", "<p>متن تازهٔ شهر</p>")]
    city.save_revision().publish()
    assert "متن تازهٔ شهر" in _get(client, urls["partner city"])

    # A field of cooperation renamed (a snippet, not a page): on the city and in the form.
    field = content.fields[0]
    field.name = "فرهنگ و هنر"
    field.save()
    for page_type in ("partner city", "application"):
        assert "فرهنگ و هنر" in _get(client, urls[page_type]), page_type


def test_the_form_questions_are_kept_only_as_first_shown(client, site, settings):
    _content, slugs = site
    settings.MEMO_ENABLED = True
    url = _urls(slugs, "fa")["application"]
    # Sent first, on an empty memo: the answers come back, and are not what the next reader gets.
    sent = client.post(url, {"full_name": "مریم", "email": "not an address"}).content.decode()
    assert 'value="مریم"' in sent and "form-field--invalid" in sent
    blank = _get(client, url)
    assert 'value="مریم"' not in blank and "form-field--invalid" not in blank
    # And with the blank questions kept, answers sent still come back with their errors.
    again = client.post(url, {"full_name": "مریم", "email": "not an address"}).content.decode()
    assert 'value="مریم"' in again and "form-field--invalid" in again


def _main(html):
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_what_is_kept_for_one_address_or_reader_is_not_shown_for_another(
    client, site, settings, django_user_model
):
    _content, slugs = site
    settings.MEMO_ENABLED = True
    urls = _urls(slugs, "fa")
    home, partners = _get(client, urls["home"]), _get(client, urls["partner index"])
    # The header is kept per page: each marks its own place in the menu.
    current = 'href="/partner-cities/" aria-current="page"'
    assert current in partners and current not in home
    # The story archive is kept per chosen year: only the chosen one is marked.
    stories = _get(client, urls["story index"])
    chosen = _get(client, urls["story index"] + "?year=1398")
    assert 'aria-current="page">۱۳۹۸' in chosen
    assert 'aria-current="page">۱۳۹۸' not in stories
    # A page number no list reaches shows the first page, and is not kept.
    assert _main(_get(client, urls["story index"] + "?page=99999")) == _main(stories)
    # A signed-in editor reads the same page as everyone else (and the public the same after).
    editor = django_user_model.objects.create_user(username="editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    for page_type in ("story", "partner city", "cultural week"):
        assert _main(_get(client, urls[page_type])), page_type
    signed_in = {page_type: _main(_get(client, urls[page_type])) for page_type in urls}
    client.logout()
    for page_type, main in signed_in.items():
        assert _same_for_everyone(main) == _same_for_everyone(_main(_get(client, urls[page_type])))


def test_a_preview_shows_the_draft_and_leaves_the_public_page_as_published(client, site, settings):
    content, slugs = site
    settings.MEMO_ENABLED = True
    urls = _urls(slugs, "fa")
    notice = content.standard_page("privacy", in_menu=False)
    for page_type in ("story", "application"):
        _get(client, urls[page_type])
    story = StoryPage.objects.get(slug=slugs["story"], locale__language_code="fa")
    story.body = [("paragraph", "<p>پیش‌نویس ویرایشگر</p>")]
    story.title = "عنوان پیش‌نویس"
    preview = story.make_preview_request().content.decode()
    assert "پیش‌نویس ویرایشگر" in preview and "عنوان پیش‌نویس" in preview
    public = _get(client, urls["story"])
    assert "پیش‌نویس ویرایشگر" not in public and "عنوان پیش‌نویس" not in public

    # A call whose draft links another privacy notice: the preview shows it, the public not.
    call = content.call.specific
    call.privacy_page = notice
    preview = call.make_preview_request().content.decode()
    assert f'href="{call.privacy_page.url}">' in preview
    public = _get(client, urls["application"])
    assert f'href="{call.privacy_page.url}">' not in public


FRAGMENT = Template(
    "{% load memo_tags %}{% memo_fragment 'probe' key unless=bound %}{{ value }}"
    "{% endmemo_fragment %}"
)


def _fragment(request, value, key=1, bound=False):
    return FRAGMENT.render(
        Context({"request": request, "value": value, "key": key, "bound": bound})
    )


@pytest.fixture
def reader(settings):
    settings.MEMO_ENABLED = True
    memo.clear()

    def request(**attributes):
        made = RequestFactory().get("/")
        for name, value in attributes.items():
            setattr(made, name, value)
        return made

    yield request
    memo.clear()


def test_a_fragment_is_kept_per_key_and_language_until_the_next_publication(reader):
    assert _fragment(reader(), "first") == "first"
    assert _fragment(reader(), "second") == "first"
    assert _fragment(reader(), "second", key=2) == "second"
    with translation.override("en"):
        assert _fragment(reader(), "english") == "english"
    page_cache.purge()
    assert _fragment(reader(), "after") == "after"


def test_a_fragment_is_made_afresh_for_a_preview_a_bound_form_or_with_the_memo_off(
    reader, settings
):
    _fragment(reader(), "kept")
    assert _fragment(reader(is_preview=True), "preview") == "preview"
    assert _fragment(reader(), "bound", bound=True) == "bound"
    assert _fragment(None, "no request") == "no request"
    settings.MEMO_ENABLED = False
    assert _fragment(reader(), "memo off") == "memo off"
    settings.MEMO_ENABLED = True
    assert _fragment(reader(), "again") == "kept"


def test_a_pages_url_without_the_request_reads_no_cache_during_a_request(
    client, site, monkeypatch, settings
):
    from wagtail.models import Site

    _content, slugs = site
    settings.MEMO_ENABLED = True
    url = _urls(slugs, "fa")["cultural week"]
    _get(client, url)
    reads = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(
        Site, "get_site_root_paths", staticmethod(lambda: reads.append(1) or original())
    )
    _get(client, url)
    # The week's programme asks for ``week.url``, the menu and cards for others: all made from
    # the root paths the request holds.
    assert reads == []
