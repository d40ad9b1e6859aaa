"""Where a page sits among languages and menus: alternates, the language switcher, the main menu.

Everything here works from the page tree: a translation is a live, non-alias page in another locale
that shares the page's translation key. Wagtail's ``page.localized`` silently falls back to the
default language, which is exactly what the switcher must not do, so it is not used here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from wagtail.models import Site


@dataclass(frozen=True)
class Alternate:
    language_code: str
    name_local: str
    url: str
    is_current: bool
    is_translation: bool  # False: no translation exists and ``url`` is that language's home page
    direction: str


def _home_pages(request):
    """The live home page of every locale of the request's site, by language code (cached)."""
    if not hasattr(request, "_home_pages"):
        site = Site.find_for_request(request)
        homes = {}
        if site is not None:
            for home in (
                site.root_page.get_translations(inclusive=True)
                .live()
                .filter(alias_of__isnull=True)
                .select_related("locale")
            ):
                homes[home.locale.language_code] = home
        request._home_pages = homes
    return request._home_pages


def current_home_page(request):
    language = translation.get_language()
    homes = _home_pages(request)
    return homes.get(language) or homes.get(settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class PageLanguages:
    alternates: list[Alternate]
    canonical: str
    x_default: str


def page_languages(request, page=None):
    """The page's place among languages: one ``Alternate`` per content language, the canonical
    URL, and the ``x-default`` URL (the default language's version where it exists)."""
    current_language = translation.get_language()
    homes = _home_pages(request)
    translations = {}
    if page is not None:
        for candidate in (
            page.get_translations(inclusive=True)
            .live()
            .filter(alias_of__isnull=True)
            .select_related("locale")
        ):
            translations[candidate.locale.language_code] = candidate

    alternates = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        target = translations.get(code)
        is_translation = target is not None
        if target is None:
            target = homes.get(code)
        if target is None:
            continue
        info = translation.get_language_info(code)
        alternates.append(
            Alternate(
                language_code=code,
                name_local=info["name_local"],
                url=request.build_absolute_uri(target.get_url(request=request)),
                is_current=code == current_language,
                is_translation=is_translation or page is None,
                direction="rtl" if info["bidi"] else "ltr",
            )
        )
    translated = {a.language_code: a.url for a in alternates if a.is_translation}
    canonical = request.build_absolute_uri(page.get_url(request=request)) if page else ""
    return PageLanguages(
        alternates=alternates,
        canonical=canonical,
        x_default=translated.get(settings.LANGUAGE_CODE, canonical),
    )


def main_menu(request, current_page=None):
    """The current language's top-level pages that editors put in menus."""
    home = current_home_page(request)
    if home is None:
        return []
    items = []
    for child in home.get_children().live().in_menu():
        items.append(
            {
                "title": child.title,
                "url": child.get_url(request=request),
                "is_current": current_page is not None and current_page.path.startswith(child.path),
            }
        )
    return items
