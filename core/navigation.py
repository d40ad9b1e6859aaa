"""Where a page sits among languages and menus: alternates, the language switcher, the main menu.

Everything here works from the page tree: a translation is a live, non-alias page in another locale
that shares the page's translation key. Wagtail's ``page.localized`` silently falls back to the
default language, which is exactly what the switcher must not do, so it is not used here. The
pages come from the request's ``PageTree`` (core/routing.py), loaded once with the route.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from core.routing import PageTree


@dataclass(frozen=True)
class Alternate:
    language_code: str
    name_local: str
    url: str  # relative: the switcher works on whatever host served the page
    absolute_url: str  # on the site's public address, for hreflang
    is_current: bool
    is_translation: bool  # False: no translation exists and ``url`` is that language's home page
    direction: str


@dataclass(frozen=True)
class PageLanguages:
    alternates: list[Alternate]
    canonical: str
    x_default: str


def public_url(path: str) -> str:
    """``path`` on the site's configured public address (SITE_URL), not the request's Host.
    Absolute URLs (media on another host, for instance) are returned as they are."""
    if "://" in path:
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _home_pages(request):
    """The live home page of every locale of the request's site, by language code."""
    tree = PageTree.for_request(request)
    return tree.homes() if tree is not None else {}


def current_home_page(request):
    language = translation.get_language()
    homes = _home_pages(request)
    return homes.get(language) or homes.get(settings.LANGUAGE_CODE)


def _targets_for_page(request, page):
    """{language: url} of the page's live, non-alias translations (aliases defer to their source)."""
    tree = PageTree.for_request(request)
    candidates = None
    if tree is not None and not page.alias_of_id:
        candidates = tree.translations(page.translation_key)
    if candidates is None:
        source = page.alias_of.specific if page.alias_of_id else page
        candidates = (
            source.get_translations(inclusive=True)
            .live()
            .filter(alias_of__isnull=True)
            .select_related("locale")
        )
    return {
        candidate.locale.language_code: candidate.get_url(request=request)
        for candidate in candidates
    }


def _targets_for_view(request):
    """A Django view that is not a Wagtail page (search, forms) exists in every language."""
    return {
        code: translate_url(request.get_full_path(), code)
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def page_languages(request, page=None):
    """The page's place among languages: one ``Alternate`` per content language, the canonical
    URL, and the ``x-default`` URL (the default language's version where it exists).

    Three cases: a Wagtail page (its real translations); another view of ours (the same URL in
    each language); an error page (each language's home page, and no canonical)."""
    current_language = translation.get_language()
    homes = _home_pages(request)
    match = getattr(request, "resolver_match", None)
    if isinstance(page, Page):
        targets = _targets_for_page(request, page)
    elif match is not None and match.url_name != "wagtail_serve":
        targets = _targets_for_view(request)
    else:
        targets = {}

    alternates = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        url = targets.get(code)
        is_translation = url is not None
        if url is None:
            home = homes.get(code)
            if home is None:
                continue
            url = home.get_url(request=request)
        info = translation.get_language_info(code)
        alternates.append(
            Alternate(
                language_code=code,
                name_local=info["name_local"],
                url=url,
                absolute_url=public_url(url),
                is_current=code == current_language,
                is_translation=is_translation or not targets,
                direction="rtl" if info["bidi"] else "ltr",
            )
        )
    canonical = public_url(targets[current_language]) if current_language in targets else ""
    if canonical and hasattr(page, "canonical_query"):
        canonical += page.canonical_query(request)
    default = targets.get(settings.LANGUAGE_CODE)
    return PageLanguages(
        alternates=alternates,
        canonical=canonical,
        x_default=public_url(default) if default else canonical,
    )


def main_menu(request, current_page=None):
    """The current language's top-level pages that editors put in menus."""
    home = current_home_page(request)
    if home is None:
        return []
    items = []
    children = PageTree.for_request(request).menu(home)
    if children is None:
        children = home.get_children().live().in_menu().filter(alias_of__isnull=True)
    for child in children:
        is_page = isinstance(current_page, Page)
        items.append(
            {
                "title": child.title,
                "url": child.get_url(request=request),
                # "page" for the page itself, "true" for the section it belongs to.
                "current": (
                    "page"
                    if is_page and current_page.pk == child.pk
                    else "true"
                    if is_page and current_page.path.startswith(child.path)
                    else ""
                ),
            }
        )
    return items
