"""The machinery behind ``manage.py seed_bulk``: a large sample site, for benchmarks.

``core`` imports no app, so, as with the demo (``core.demo``), each app keeps its bulk content in
its own ``bulk.py`` and registers a seeder here with an ``order`` and the sizes it takes; the sizes
become the command's options (``--stories 50``), so a test can run it small.

Wagtail's own way of creating a page (``add_child``, a revision, ``publish``, then
``copy_for_translation`` for English) took about 0.45 s per Persian page and its translation on
PostgreSQL, some 40 minutes for 5,000 stories. The helpers below insert a batch of pages at once
instead: treebeard paths are computed for the whole batch, the ``wagtailcore_page`` rows go in with
one ``bulk_create``, each page type's own row with a raw save (as ``loaddata`` does, so no signal
indexes it one by one), and the search index is filled in batches afterwards. The pages are live
without revisions, like pages created by data migrations; an English page is a translation (the
Persian page's ``translation_key`` in the English tree), as the demo's are. No reference index
entries are made (``manage.py rebuild_references_index`` adds them if an editor needs usage counts).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends

Log = Callable[[str], None]
BATCH_SIZE = 500


@dataclass(frozen=True)
class Size:
    name: str  # the command's option: --<name>
    default: int
    help: str


@dataclass(frozen=True)
class Seeder:
    order: int
    name: str
    sizes: tuple[Size, ...]
    function: Callable[[dict[str, int], Log], None]


_seeders: list[Seeder] = []


def register(order: int, sizes: Sequence[Size] = ()):
    """Decorator for a seeder: ``@bulk.register(order=10, sizes=[...]) def seed(sizes, log)``.

    ``sizes`` maps every registered size's name to the number asked for."""

    def decorator(function):
        name = f"{function.__module__}.{function.__name__}"
        _seeders.append(Seeder(order, name, tuple(sizes), function))
        return function

    return decorator


def seeders() -> list[Seeder]:
    autodiscover_modules("bulk")
    return sorted(_seeders, key=lambda s: (s.order, s.name))


def sizes() -> list[Size]:
    return [size for seeder in seeders() for size in seeder.sizes]


def run_seeders(wanted: dict[str, int], log: Log) -> None:
    for seeder in seeders():
        log(f"· {seeder.name}")
        seeder.function(wanted, log)


def missing_slugs(parent: Page, slugs: Iterable[str]) -> list[str]:
    """The slugs that no child of ``parent`` has yet, in the order given: seeders create only
    these, so running the command again adds nothing (and a larger size adds the difference)."""
    slugs = list(slugs)
    taken = set(parent.get_children().filter(slug__in=slugs).values_list("slug", flat=True))
    return [slug for slug in slugs if slug not in taken]


def add_live_pages(parent: Page, pages: Sequence[Page]) -> Sequence[Page]:
    """Insert unsaved ``pages`` (instances of one specific page type) as live children of
    ``parent``, after its existing children, in its locale. Give each a title and a slug, and a
    ``first_published_at`` if "now" will not do.

    Fields Wagtail's ``save`` would derive (tree position, URL path, draft title) are set here;
    ``full_clean`` is not run, so the caller builds valid pages."""
    if not pages:
        return pages
    # Locks the parent's row: nobody else adds a child (and takes our paths) until we commit.
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    last = parent.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = timezone.now()
    for page in pages:
        position += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, position)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.first_published_at

    # Django cannot bulk-create a multi-table model, but it can bulk-create the base rows from
    # the specific instances; then each page type's own row goes in with a raw save.
    Page.objects.bulk_create(pages, batch_size=BATCH_SIZE)
    if any(page.id is None for page in pages):  # a database that returns no ids from a bulk insert
        ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "id"))
        for page in pages:
            page.id = ids[page.path]
    for page in pages:
        page.page_ptr_id = page.id
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages


def add_live_translations(
    sources: Sequence[Page], translations: Sequence[Page], locale
) -> Sequence[Page]:
    """Insert ``translations[i]`` as the ``locale`` translation of ``sources[i]``, under the
    translation of their parent (all ``sources`` share one parent)."""
    if not sources:
        return translations
    parent = sources[0].get_parent().get_translation(locale)
    for source, page in zip(sources, translations, strict=True):
        page.translation_key = source.translation_key
        page.first_published_at = page.first_published_at or source.first_published_at
    return add_live_pages(parent, translations)


def link_many_to_many(model, field_name: str, links: Iterable[tuple[int, int]]) -> None:
    """Add (page pk, target pk) rows to a many-to-many field's table in batches."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    through.objects.bulk_create(
        [through(**{source: a, target: b}) for a, b in links], batch_size=BATCH_SIZE
    )


def index_for_search(model, objects: Sequence) -> None:
    """Add ``objects`` (all of ``model``) to every search backend, a batch per statement.

    The search backend reads a method search field (such as ``BasePage.search_text``) once for
    each column of the index, five times a page; each is computed once here and its value pinned
    on the instance, so pass instances that are not used afterwards."""
    methods = [
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.SearchField) and _is_method(model, field.field_name)
    ]
    for obj in objects:
        for name in methods:
            setattr(obj, name, _constant(getattr(obj, name)()))
    for backend in get_search_backends(with_auto_update=True):
        for start in range(0, len(objects), BATCH_SIZE):
            backend.add_bulk(model, objects[start : start + BATCH_SIZE])


def _is_method(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return callable(getattr(model, name, None))
    return False


def _constant(value):
    return lambda: value
