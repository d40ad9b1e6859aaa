"""Blocks shared by every page type; app-specific blocks live in their app's blocks.py."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from core.prefetch import localized


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading; it also appears in the page outline.")
        preview_value = {"text": "Fields of cooperation", "level": "h2"}


class CaptionedImageValue(blocks.StructValue):
    def alt(self):
        return "" if self.get("decorative") else self.get("alt_text", "")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative image"),
        required=False,
        help_text=_(
            "Tick only if the image adds nothing to the text; it then needs no alternative text."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Credit"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        label = _("Image")
        description = _("An image with its caption and the photographer's credit.")
        value_class = CaptionedImageValue

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Describe the image, or mark it as decorative."))
                }
            )
        return value


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation with the name of the person quoted.")
        preview_value = {"text": "Cities make friends faster than states.", "attribution": "—"}


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document link")
        description = _("A link to download a document, with its type and size.")


class LinkValue(blocks.StructValue):
    """For blocks with a ``page`` chooser and an ``external_url``: one URL to link to."""

    def url(self):
        """The link in the reader's language; nothing when the page is not published."""
        page = self.get("page")
        if page:
            target = localized(page)
            return target.url if target.live else ""
        return self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    external_url = blocks.URLBlock(label=_("Or an external link"), required=False)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A highlighted box that invites readers to do one thing.")
        value_class = LinkValue
        preview_value = {
            "title": "Become a citizen diplomat",
            "text": "Tell us about your ties with a sister city.",
            "button_label": "Apply",
            "external_url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or give an external link, not both."))
                }
            )
        return value


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Running text with links and lists."),
        preview_value="<p>Isfahan signed its first sister-city agreement in 1989.</p>",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        icon="media",
        template="blocks/embed_block.html",
        description=_("A video or post from a site such as YouTube or Aparat, by its URL."),
    )
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        template = "blocks/body_stream_block.html"
