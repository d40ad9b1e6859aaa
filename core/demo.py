"""The machinery behind ``manage.py seed_demo``: apps register the demo content they own.

``core`` imports no app, so each app keeps its demo content in its own ``demo.py`` and registers a
seeder here with an ``order`` (pages before what hangs under them). Seeders must be idempotent:
they look content up by a stable key (a slug under a known parent) and create only what is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules
from wagtail.models import Locale, Page


@dataclass(frozen=True)
class Seeder:
    order: int
    name: str
    function: Callable[[Callable[[str], None]], None]


_seeders: list[Seeder] = []


def register(order: int):
    """Decorator for a seeder: ``@demo.register(order=10) def seed(log): ...``."""

    def decorator(function):
        _seeders.append(Seeder(order, f"{function.__module__}.{function.__name__}", function))
        return function

    return decorator


def run_seeders(log: Callable[[str], None]) -> None:
    autodiscover_modules("demo")
    for seeder in sorted(_seeders, key=lambda s: (s.order, s.name)):
        log(f"· {seeder.name}")
        seeder.function(log)


def publish_child(parent: Page, page: Page) -> Page:
    """Add ``page`` under ``parent`` and publish it, unless a child with its slug exists."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_terms(model, terms, source_language="fa", target_language="en"):
    """Create a translatable taxonomy's terms, given as (slug, source name, target name)."""
    source_locale = Locale.objects.get(language_code=source_language)
    target_locale = Locale.objects.get(language_code=target_language)
    for slug, source_name, target_name in terms:
        term, _created = model.objects.get_or_create(
            slug=slug, locale=source_locale, defaults={"name": source_name}
        )
        if not model.objects.filter(
            translation_key=term.translation_key, locale=target_locale
        ).exists():
            translated = term.copy_for_translation(target_locale)
            translated.name = target_name
            translated.save()


def publish_translation(source: Page, language_code: str, **fields) -> Page:
    """Create and publish the translation of ``source`` with ``fields``, unless it exists.

    The copy goes under the translation of the source's parent, as Wagtail's own translation does.
    """
    locale = Locale.objects.get(language_code=language_code)
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated
