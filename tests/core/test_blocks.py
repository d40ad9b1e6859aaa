"""Each block of the shared BodyStreamBlock renders what a reader needs."""

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.rich_text import RichText

from core.blocks import BodyStreamBlock, CallToActionBlock, CaptionedImageBlock
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _render(blocks):
    block = BodyStreamBlock()
    return (
        block.render(block.to_python([])) if not blocks else block.render(block.normalize(blocks))
    )


def test_paragraph_heading_and_quote():
    html = _render(
        [
            ("heading", {"text": "زمینه‌های همکاری", "level": "h3"}),
            ("paragraph", RichText("<p>متن <b>پررنگ</b></p>")),
            ("quote", {"text": "شهرها زودتر دوست می‌شوند.", "attribution": "یک شهردار"}),
        ]
    )
    assert "<h3>زمینه‌های همکاری</h3>" in html
    assert '<div class="rich-text"><p>متن <b>پررنگ</b></p></div>' in html
    assert "<blockquote><p>شهرها زودتر دوست می‌شوند.</p></blockquote>" in html
    assert "<figcaption><bdi>یک شهردار</bdi></figcaption>" in html


def test_image_has_alt_text_caption_credit_and_modern_formats():
    image = wagtail_factories.ImageFactory(title="Naqsh-e Jahan", width=1600, height=900)
    html = _render(
        [
            (
                "image",
                {
                    "image": image,
                    "alt_text": "میدان نقش جهان در شب",
                    "caption": "میدان نقش جهان",
                    "credit": "عکاس نمونه",
                },
            )
        ]
    )
    assert 'alt="میدان نقش جهان در شب"' in html
    assert 'loading="lazy"' in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert "srcset=" in html
    assert '<span class="figure__credit"><bdi>عکاس نمونه</bdi></span>' in html


def test_decorative_image_has_empty_alt_text():
    image = wagtail_factories.ImageFactory(title="IMG_2041")
    html = _render(
        [
            (
                "image",
                {"image": image, "alt_text": "", "decorative": True, "caption": "", "credit": ""},
            )
        ]
    )
    assert 'alt=""' in html
    assert "IMG_2041" not in html
    assert "<figcaption>" not in html


def test_an_image_needs_alt_text_unless_it_is_decorative():
    image = wagtail_factories.ImageFactory()
    block = CaptionedImageBlock()
    missing = block.to_python({"image": image.pk, "alt_text": " ", "decorative": False})
    with pytest.raises(ValidationError):
        block.clean(missing)
    decorative = block.to_python({"image": image.pk, "alt_text": "", "decorative": True})
    assert block.clean(decorative).alt() == ""


def test_call_to_action_to_an_unpublished_page_shows_no_link():
    page = StandardPageFactory(slug="draft-target", live=False)
    value = CallToActionBlock().to_python(
        {"title": "T", "text": "", "button_label": "Go", "page": page.pk}
    )
    assert value.url() == ""
    html = CallToActionBlock().render(value)
    assert "<a " not in html


def test_document_link_shows_type_and_size():
    document = Document(title="تفاهم‌نامه")
    document.file.save("mou.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2048), save=False)
    document.save()
    blocks = [("document", {"document": document, "label": ""})]
    with translation.override("fa"):
        html = _render(blocks)
    assert f'<a href="{document.url}" download><bdi>تفاهم‌نامه</bdi></a>' in html
    assert "(PDF, ۲٫۰\xa0KB)" in html
    with translation.override("en"):
        assert "(PDF, 2.0\xa0KB)" in _render(blocks)


def test_embed_renders_the_stored_oembed_html():
    url = "https://www.youtube.com/watch?v=demo"
    Embed.objects.create(
        url=url,
        max_width=800,
        hash=get_embed_hash(url, 800),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/demo" title="Demo"></iframe>',
    )
    html = _render([("embed", url)])
    assert '<div class="embed"><iframe src="https://www.youtube.com/embed/demo"' in html


def test_call_to_action_links_to_the_page_in_the_readers_language(en_locale):
    page = StandardPageFactory(slug="apply")
    english = page.copy_for_translation(en_locale)
    english.save_revision().publish()
    value = CallToActionBlock().to_python(
        {"title": "بپیوندید", "text": "", "button_label": "درخواست", "page": page.pk}
    )
    with translation.override("fa"):
        assert value.url() == "/apply/"
    with translation.override("en"):
        assert value.url() == "/en/apply/"


@pytest.mark.parametrize(
    ("page", "url"),
    [(None, ""), ("page", "https://example.org/")],
)
def test_call_to_action_needs_exactly_one_target(page, url, fa_home):
    block = CallToActionBlock()
    value = block.to_python(
        {
            "title": "T",
            "text": "",
            "button_label": "Go",
            "page": fa_home.pk if page else None,
            "external_url": url,
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_call_to_action_with_an_external_link_is_valid():
    block = CallToActionBlock()
    value = block.to_python(
        {"title": "T", "text": "", "button_label": "Go", "external_url": "https://example.org/"}
    )
    assert block.clean(value).url() == "https://example.org/"


def test_every_block_type_has_a_description_and_template():
    for name, child in BodyStreamBlock().child_blocks.items():
        assert child.meta.template, name
        assert child.meta.description, name
