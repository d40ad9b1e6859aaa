from django import template
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import navigation
from core.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """``{% page_languages as languages %}`` for the page being rendered (or a 404)."""
    request = context.get("request")
    if request is None:
        return None
    return navigation.page_languages(request, context.get("page"))


@register.inclusion_tag("components/pagination.html")
def pagination(page, label, kept=None, previous_text=None, next_text=None):
    """``{% pagination page label kept %}``: the links to a listing's previous and next pages,
    keeping the query parameters in ``kept`` (a mapping, e.g. the chosen filters); nothing
    when there is one page only."""
    if not page.has_other_pages():
        return {}

    def href(number):
        return "?" + urlencode({**(kept or {}), "page": number})

    return {
        "page": page,
        "label": label,
        "previous_href": href(page.previous_page_number()) if page.has_previous() else "",
        "next_href": href(page.next_page_number()) if page.has_next() else "",
        "previous_text": previous_text or _("Previous"),
        "next_text": next_text or _("Next"),
    }


@register.filter
def starts_with(text, prefix):
    """``{% if request.path|starts_with:admin_url %}``."""
    return str(text).startswith(str(prefix))


@register.filter
def absolute(url):
    """A site-relative URL on the site's public address (already absolute URLs pass through)."""
    return navigation.public_url(url)


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """schema.org GovernmentOrganization for the office, from the site settings."""
    office = context["settings"]["core"]["SiteSettings"]
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": office.site_name,
        "url": navigation.public_url(context["request"].path),
    }
    if office.email:
        data["email"] = office.email
    if office.phone:
        data["telephone"] = office.phone
    if office.localised and office.localised.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": office.localised.address}
    links = [link.url for link in office.social_links.all()]
    if links:
        data["sameAs"] = links
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context.get("request")
    if request is None:
        return []
    return navigation.main_menu(request, context.get("page"))


@register.simple_tag(takes_context=True)
def home_page(context):
    request = context.get("request")
    return navigation.current_home_page(request) if request is not None else None
