from django import template

from core import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """``{% page_languages as languages %}`` for the page being rendered (or a 404)."""
    request = context.get("request")
    if request is None:
        return None
    return navigation.page_languages(request, context.get("page"))


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
