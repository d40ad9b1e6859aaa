"""``javascript:`` (and other script-running) URLs: a link field or block refuses them when it is
validated, and a rich-text link that holds one anyway (written past the editor: an import, the
shell, a translator's link override in wagtail-localize) reaches no public page as a link."""

import datetime
import html
import json
import re
import uuid

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import richtext
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)

from core.blocks import BodyStreamBlock, CallToActionBlock
from core.models import SiteSettings, SocialLink
from partners.blocks import (
    ContactBlock,
    NetworkMembershipBlock,
    OrganiserBlock,
    OutcomeBlock,
    VenueBlock,
)
from partners.models import ProgrammeItem
from tests.factories import (
    CulturalWeekIndexPageFactory,
    StandardPageFactory,
    cultural_week,
    partner_city,
    story,
)
from tests.security.hostile import assert_handled, bounded

pytestmark = pytest.mark.django_db

# Spellings a browser still runs as script: any case, with controls, whitespace or character
# references inside or before the scheme.
SCRIPT_URLS = [
    "javascript:alert(7301)",
    "JaVaScRiPt:alert(7301)",
    " javascript:alert(7301)",
    "java\tscript:alert(7301)",
    "java\nscript:alert(7301)",
    "\x01javascript:alert(7301)",
    "javascript://example.org/%0Aalert(7301)",
    "vbscript:msgbox(7301)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg3MzAxKTwvc2NyaXB0Pg==",
]
# The same, as they may be written inside an HTML attribute.
SCRIPT_HREFS = [
    *(html.escape(url) for url in SCRIPT_URLS),
    "&#106;avascript:alert(7301)",
    "&#x6A;&#x61;vascript:alert(7301)",
    "javascript&colon;alert(7301)",
    "java&Tab;script:alert(7301)",
    "&#0000106avascript:alert(7301)",
]
# Markup a careless sanitiser reads otherwise than a browser does.
TRICKY_LINKS = [
    '<a title="a>b" href="javascript:alert(7301)">link</a>',
    '<a x=y" href="javascript:alert(7301)">link</a>',
    "<a href=javascript:alert(7301)>link</a>",
    "<A HREF='JAVASCRIPT:alert(7301)'>link</A>",
    '<a href="https://example.org/" href="javascript:alert(7301)">link</a>',
    '<a\thref="javascript:alert(7301)">link</a>',
    '<a/href="javascript:alert(7301)">link</a>',
    '<a href\n=\n"javascript:alert(7301)">link</a>',
    '<svg><a xlink:href="javascript:alert(7301)"><text>link</text></a></svg>',
    '<a linktype="external" href="javascript:alert(7301)">link</a>',
    '<form action="javascript:alert(7301)"><button formaction="javascript:alert(7301)">link</button></form>',
]
SAFE_HREFS = ["https://example.org/a?b=1&amp;c=2", "mailto:office@example.org", "#section", "/en/"]


@st.composite
def script_urls(draw):
    """A script URL in a random disguise: mixed case, controls or whitespace slipped in."""
    scheme = draw(st.sampled_from(["javascript", "vbscript", "data"]))
    scheme = "".join(ch.upper() if draw(st.booleans()) else ch for ch in scheme)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(scheme)))
        scheme = scheme[:at] + draw(st.sampled_from(["\t", "\n", "\r", "\x00"])) + scheme[at:]
    prefix = draw(st.sampled_from(["", " ", "\x01", "\x1f", "\u200f", "\ufeff"]))
    body = draw(st.sampled_from(["alert(7301)", "//%0Aalert(7301)", "text/html,<b>7301</b>"]))
    return prefix + scheme + ":" + body


def runs_script(href: str) -> bool:
    """Whether a browser would run ``href`` (already unescaped by the parser) as script: it
    ignores controls and whitespace in and before the scheme."""
    squeezed = re.sub(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\ufeff]+", "", href).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:"))


def script_links(page_html: str) -> list[str]:
    soup = BeautifulSoup(page_html, "html.parser")
    found = [
        str(tag)[:120]
        for tag in soup.find_all(True)
        for name in ("href", "src", "action", "formaction", "xlink:href")
        if tag.get(name) and runs_script(tag[name])
    ]
    # Whatever a parser makes of it: no script scheme anywhere in the page, unescaped and with
    # every control and space squeezed out (the pages under test have no such words in text).
    squeezed = re.sub(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\ufeff]+", "", html.unescape(page_html))
    found += [
        scheme for scheme in ("javascript:", "vbscript:", "data:") if scheme in squeezed.lower()
    ]
    return found


def linked(hrefs):
    return "".join(f'<p><a href="{href}">link {n}</a></p>' for n, href in enumerate(hrefs))


# --- Rich text ----------------------------------------------------------------------------------


@bounded(60)
@given(hrefs=st.lists(st.one_of(st.sampled_from(SCRIPT_HREFS), script_urls()), min_size=1))
@example(hrefs=SCRIPT_HREFS)
def test_rich_text_renders_no_script_link(hrefs):
    rendered = str(richtext(linked(hrefs)))

    assert not script_links(rendered)
    # The words stay; only the link goes.
    assert all(f"link {n}" in rendered for n in range(len(hrefs)))


@pytest.mark.parametrize("markup", TRICKY_LINKS)
def test_rich_text_renders_no_script_link_however_it_is_written(markup):
    rendered = str(richtext(f"<p>{markup}</p>"))

    assert not script_links(rendered)
    assert "link" in rendered


def test_rich_text_keeps_its_ordinary_links():
    rendered = str(richtext(linked(SAFE_HREFS) + '<p><a linktype="page" id="999999">x</a></p>'))

    hrefs = [a.get("href") for a in BeautifulSoup(rendered, "html.parser").find_all("a")]
    assert hrefs[: len(SAFE_HREFS)] == [html.unescape(href) for href in SAFE_HREFS]


def test_a_script_link_in_a_page_body_reaches_no_public_page(visitor, fa_home):
    page = StandardPageFactory(
        slug=f"page-{uuid.uuid4().hex[:8]}", body=[("paragraph", linked(SCRIPT_HREFS))]
    )

    response = visitor.get(page.url)

    assert_handled(response)
    assert response.status_code == 200
    assert not script_links(response.content.decode())
    assert "link 0" in response.content.decode()


def test_a_script_link_in_a_rich_text_field_reaches_no_public_page(
    visitor, call_page, partner_index
):
    call_page.intro = linked(SCRIPT_HREFS)
    call_page.eligibility = linked(SCRIPT_HREFS)
    call_page.save_revision().publish()
    city = partner_city(partner_index, benefits=linked(SCRIPT_HREFS))

    for url in (call_page.url, city.url):
        response = visitor.get(url)
        assert_handled(response)
        assert response.status_code == 200
        assert not script_links(response.content.decode()), url


def test_a_translator_s_script_link_reaches_no_public_page(
    visitor, en_home, en_locale, django_capture_on_commit_callbacks
):
    # wagtail-localize lets a translator change where a rich-text link goes; the new address is
    # stored as typed.
    page = StandardPageFactory(
        slug="ties", body=[("paragraph", '<p><a href="https://example.org/">پیوند</a></p>')]
    )
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=en_locale)
    link = OverridableSegment.objects.get(source=source)
    SegmentOverride.objects.create(
        locale=en_locale, context=link.context, data_json=json.dumps(SCRIPT_URLS[0])
    )
    with django_capture_on_commit_callbacks(execute=True):  # it publishes on commit
        translation.save_target(publish=True)
    english = page.get_translation(en_locale)
    assert SCRIPT_URLS[0] in english.specific.body[0].value.source  # stored as typed

    response = visitor.get(english.url)

    assert_handled(response)
    assert response.status_code == 200
    assert not script_links(response.content.decode())


# --- Link fields and blocks ------------------------------------------------------------------------

STRUCT_BLOCKS = [
    (CallToActionBlock(), "external_url", {"title": "t", "button_label": "b"}),
    (OutcomeBlock(), "external_url", {"title": "t"}),
    (ContactBlock(), "website", {"name": "n"}),
    (NetworkMembershipBlock(), "url", {"name": "n"}),
    (VenueBlock(), "website", {"name": "n"}),
    (OrganiserBlock(), "website", {"name": "n", "role": "organiser"}),
]


@pytest.mark.parametrize(
    ("block", "name", "others"), STRUCT_BLOCKS, ids=[type(b[0]).__name__ for b in STRUCT_BLOCKS]
)
@bounded(30)
@given(url=st.one_of(st.sampled_from(SCRIPT_URLS), script_urls()))
def test_a_link_block_refuses_a_script_url(block, name, others, url):
    value = block.to_python({**others, name: url})

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)

    assert name in refused.value.block_errors


@pytest.mark.parametrize(("block", "name", "others"), STRUCT_BLOCKS)
def test_a_link_block_accepts_a_web_address(block, name, others):
    block.clean(block.to_python({**others, name: "https://example.org/"}))


def test_an_embed_refuses_a_script_url():
    with pytest.raises(ValidationError):
        BodyStreamBlock().clean(
            BodyStreamBlock().to_python([{"type": "embed", "value": SCRIPT_URLS[0]}])
        )


def model_field_errors(instance, name):
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    return refused.value.message_dict.get(name)


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_a_story_s_source_link_refuses_a_script_url(url, news):
    page = story(news, slug=f"s-{uuid.uuid4().hex[:8]}")
    page.source_url = url

    assert model_field_errors(page, "source_url")


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_a_programme_item_s_booking_link_refuses_a_script_url(url):
    week = cultural_week(CulturalWeekIndexPageFactory())
    start = datetime.datetime(2019, 10, 21, 18, tzinfo=datetime.UTC)
    item = ProgrammeItem(week=week, title="کنسرت", start=start, booking_url=url)

    assert model_field_errors(item, "booking_url")


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_a_social_link_in_the_site_settings_refuses_a_script_url(url, fa_home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    link = SocialLink(settings=settings, name="Instagram", url=url)

    assert model_field_errors(link, "url")
