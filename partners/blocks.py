"""Blocks for partner-city pages: agreements, exchanges, contacts and network memberships.

Kept as StreamField blocks so that wagtail-localize translates their text (titles, summaries,
notes) while dates, kinds and documents stay synchronised with the source language, and so that a
page loads them with its own row, without a query per item.
"""

from django.conf import global_settings
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import CaptionedImageBlock, LinkValue
from core.i18n import normalise_text


def document_languages():
    """Every language Django knows, so that a partner's own language can be chosen."""
    return sorted(global_settings.LANGUAGES, key=lambda item: item[1])


class AgreementKind:
    SISTER_CITY = "sister-city"
    FRIENDSHIP = "friendship"
    MOU = "mou"
    ACTION_PLAN = "action-plan"
    CHOICES = [
        (SISTER_CITY, _("Sister-city agreement")),
        (FRIENDSHIP, _("Friendship agreement")),
        (MOU, _("Memorandum of understanding")),
        (ACTION_PLAN, _("Action plan or protocol")),
    ]


class ExchangeKind:
    DELEGATION_IN = "delegation-in"
    DELEGATION_OUT = "delegation-out"
    AMBASSADOR = "ambassador"
    SIGNING = "signing"
    CULTURAL_WEEK = "cultural-week"
    ACADEMIC = "academic"
    BUSINESS = "business"
    CHOICES = [
        (DELEGATION_IN, _("Incoming delegation")),
        (DELEGATION_OUT, _("Outgoing delegation")),
        (AMBASSADOR, _("Ambassador's visit")),
        (SIGNING, _("Signing")),
        (CULTURAL_WEEK, _("Cultural week")),
        (ACADEMIC, _("Academic exchange")),
        (BUSINESS, _("Business exchange")),
    ]


class AgreementDocumentBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        label=_("Language"),
        choices=document_languages,
        help_text=_("The language this copy is written in, including the partner's own."),
    )
    document = DocumentChooserBlock(label=_("Document"))

    class Meta:
        icon = "doc-full"
        label = _("Document")


class AgreementValue(blocks.StructValue):
    def kind_label(self):
        return dict(AgreementKind.CHOICES).get(self.get("kind"), "")

    def document_copies(self):
        """Each copy with its language's name in the reader's language."""
        names = dict(global_settings.LANGUAGES)
        return [
            {
                "document": copy["document"],
                "language": copy["language"],
                "language_name": gettext(names.get(copy["language"], copy["language"])),
            }
            for copy in self.get("documents") or []
            if copy.get("document")
        ]


class AgreementBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=AgreementKind.CHOICES)
    signed_on = blocks.DateBlock(label=_("Signed on"), required=False)
    summary = blocks.TextBlock(label=_("Summary"), required=False)
    documents = blocks.ListBlock(AgreementDocumentBlock(), label=_("Documents"), default=[])

    class Meta:
        icon = "doc-full-inverse"
        label = _("Agreement")
        template = "partners/blocks/agreement_block.html"
        description = _("A signed document: its kind, date, a short summary and its copies.")
        value_class = AgreementValue


class ExchangeBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=ExchangeKind.CHOICES)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    note = blocks.TextBlock(label=_("Note"), required=False)

    class Meta:
        icon = "date"
        label = _("Exchange")
        description = _("Something that happened in the tie on a given day.")


class ContactValue(blocks.StructValue):
    def separator(self):
        return pgettext("list separator", ", ")

    def phone_href(self):
        phone = normalise_text(self.get("phone") or "")
        return "".join(ch for ch in phone if ch in "+0123456789")


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(label=_("Role"), max_length=120, required=False)
    organisation = blocks.CharBlock(label=_("Organisation"), max_length=200, required=False)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    # A RegexBlock, not a CharBlock, so wagtail-localize keeps it out of translation.
    phone = blocks.RegexBlock(
        label=_("Phone"),
        regex=r"^[+0-9۰-۹٠-٩ ()\-]{5,40}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number: digits, spaces, + ( ) and -.")},
    )
    website = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "partners/blocks/contact_block.html"
        value_class = ContactValue


class NetworkMembershipBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Network"), max_length=200)
    acronym = blocks.CharBlock(label=_("Acronym"), max_length=30, required=False)
    since = blocks.IntegerBlock(
        label=_("Member since (year)"), required=False, min_value=1900, max_value=2100
    )
    role = blocks.CharBlock(
        label=_("Role"), max_length=120, required=False, help_text=_("For example: board member.")
    )
    url = blocks.URLBlock(label=_("Website"), required=False)
    note = blocks.TextBlock(label=_("Note"), required=False)

    class Meta:
        icon = "group"
        label = _("Network membership")
        template = "partners/blocks/network_membership_block.html"


class GalleryBlock(blocks.StreamBlock):
    image = CaptionedImageBlock()


class VenueBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    address = blocks.TextBlock(label=_("Address"), required=False)
    website = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "site"
        label = _("Venue")


class OrganiserRole:
    ORGANISER = "organiser"
    PARTNER = "partner"
    SPONSOR = "sponsor"
    CHOICES = [
        (ORGANISER, _("Organiser")),
        (PARTNER, _("Partner")),
        (SPONSOR, _("Sponsor")),
    ]


class OrganiserValue(blocks.StructValue):
    def role_label(self):
        return dict(OrganiserRole.CHOICES).get(self.get("role"), "")


class OrganiserBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.ChoiceBlock(label=_("Role"), choices=OrganiserRole.CHOICES)
    website = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "group"
        label = _("Organiser or partner")
        value_class = OrganiserValue


class OutcomeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(
        label=_("Page"),
        required=False,
        help_text=_("For example the partner page of a city a pact was signed with."),
    )
    external_url = blocks.URLBlock(label=_("Or an external link"), required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("Outcome")
        description = _("Something the week led to, such as a pact signed during it.")
        value_class = LinkValue
