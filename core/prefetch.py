"""What a page shows from other tables, fetched for the whole page in one query per kind.

Wagtail fetches the images, documents and pages that stream blocks choose once per block type in
each StreamField, and each image's renditions once per image; a call to action then looks up its
page's translation (two queries each). ``prefetch_page`` reads the chosen ids from the raw
StreamField data of every stream on the page, adds the page's own image fields (hero, listing,
sharing) and any ``extra_images``, and fetches:

- the images with all their renditions (one query),
- the documents (one query),
- the chosen pages with their translations in the reader's language (one query),

then gives each stream block that chose something its value built from those objects (the rest
of the stream stays lazy), and sets the page's image fields to the fetched images. A page that
shows nothing from these tables costs no query here.
"""

from collections import defaultdict

from django.db.models import Q
from django.utils import translation
from wagtail import blocks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from core import memo

IMAGE, DOCUMENT, PAGE, OTHER = "image", "document", "page", "other"


def _kind(block):
    """What a chooser block chooses, as far as this module fetches it (OTHER: a chooser of
    something else, left to Wagtail); None for a block that is not a chooser."""
    if isinstance(block, ImageChooserBlock):
        return IMAGE
    if isinstance(block, DocumentChooserBlock):
        return DOCUMENT
    if isinstance(block, blocks.PageChooserBlock):
        return PAGE if block.target_model is Page else OTHER
    if isinstance(block, blocks.ChooserBlock):
        return OTHER
    return None


def _list_items(raw):
    """(value, id) of each item of a ListBlock's raw value, in either of its storage formats."""
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"], item.get("id")
        else:
            yield item, None


def _collect(block, raw, found):
    """Add the ids chosen anywhere in ``raw`` (``block``'s stored value) to ``found`` by kind."""
    kind = _kind(block)
    if kind is not None:
        ids = found[kind]  # noted even when empty: the block is converted here either way
        if raw is not None:
            ids.add(raw)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if name in (raw or {}):
                _collect(child, raw[name], found)
    elif isinstance(block, blocks.ListBlock):
        for value, _id in _list_items(raw):
            _collect(block.child_block, value, found)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw or []:
            if item.get("type") in block.child_blocks:
                _collect(block.child_blocks[item["type"]], item.get("value"), found)


def to_python_with(block, raw, objects):
    """``block.to_python(raw)``, with chosen objects taken from ``objects`` (kind → id → object)
    instead of the database; a chooser of a kind missing from ``objects`` reads as None."""
    kind = _kind(block)
    if kind is not None:
        table = objects.get(kind)
        return None if raw is None or table is None else table.get(raw)
    if isinstance(block, blocks.StructBlock):
        raw = raw or {}
        return block.normalize(
            {
                name: to_python_with(child, raw[name], objects)
                if name in raw
                else child.get_default()
                for name, child in block.child_blocks.items()
            }
        )
    if isinstance(block, blocks.ListBlock):
        return blocks.list_block.ListValue(
            block,
            bound_blocks=[
                blocks.list_block.ListValue.ListChild(
                    block.child_block, to_python_with(block.child_block, value, objects), id=item_id
                )
                for value, item_id in _list_items(raw)
            ],
        )
    if isinstance(block, blocks.StreamBlock):
        return blocks.StreamValue(
            block,
            [
                (
                    item["type"],
                    to_python_with(block.child_blocks[item["type"]], item.get("value"), objects),
                    item.get("id"),
                )
                for item in raw or []
                if item.get("type") in block.child_blocks
            ],
        )
    return block.to_python(raw)


def _streams(page):
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            if value:
                yield value


def _image_fields(page):
    image_model = get_image_model()
    return [
        field
        for field in page._meta.get_fields()
        if field.many_to_one and field.concrete and field.related_model is image_model
    ]


def _localise(pages, language):
    """Give each chosen page the page ``Page.localized`` would return for ``language``."""
    by_key = defaultdict(dict)
    for page in pages.values():
        by_key[page.translation_key][page.locale.language_code] = page
    for page in pages.values():
        translated = by_key[page.translation_key].get(language, page)
        page._prefetched_localized = translated if translated.live else page


def _images(ids):
    """The images by id, each with all its renditions, in one query: the renditions joined to
    their image. An image shown for the first time has none yet and is fetched on its own."""
    if not ids:
        return {}
    image_model = get_image_model()
    images = {}
    renditions = image_model.get_rendition_model().objects.filter(image_id__in=ids)
    for rendition in renditions.select_related("image"):
        image = images.setdefault(rendition.image_id, rendition.image)
        image.__dict__.setdefault("prefetched_renditions", []).append(rendition)
        rendition.image = image
    missing = set(ids) - images.keys()
    if missing:
        for image in image_model.objects.filter(pk__in=missing):
            image.prefetched_renditions = []
            images[image.pk] = image
    return images


def stream_text(stream):
    """``stream``'s searchable text, as ``StreamField.get_searchable_content`` gives it, read
    from the stored data: what its blocks choose (images, documents, pages) has no text of its
    own, so it is not fetched."""
    block = stream.stream_block
    if not block.search_index:
        return []
    content = []
    for item in stream.raw_data:
        child = block.child_blocks.get(item.get("type"))
        if child is not None:
            content.extend(
                child.get_searchable_content(to_python_with(child, item.get("value"), {}))
            )
    return content


def localized(page):
    """``page.localized``, without its queries when ``prefetch_page`` has already found it."""
    return page.__dict__.get("_prefetched_localized") or page.localized


def prefetch_page(page, extra_images=()):
    """Fetch what ``page``'s streams and image fields show (see the module's docstring).
    ``extra_images`` are image ids the page shows from elsewhere; returns the images by id."""
    found = defaultdict(set)
    pending = []
    for stream in _streams(page):
        for index, item in enumerate(stream.raw_data):
            child = stream.stream_block.child_blocks.get(item.get("type"))
            if child is None:
                continue
            chosen = defaultdict(set)
            _collect(child, item.get("value"), chosen)
            # A block that chooses nothing stays lazy; one that chooses something else is left
            # to Wagtail, which would otherwise fetch that something once per value here.
            if chosen and not chosen[OTHER]:
                pending.append((stream, index, child, item))
                for kind, ids in chosen.items():
                    found[kind] |= ids
    image_fields = _image_fields(page)
    found[IMAGE].update(getattr(page, field.attname) for field in image_fields)
    found[IMAGE].update(extra_images)
    found[IMAGE].discard(None)

    language = get_supported_content_language_variant(translation.get_language())
    # The rows are the same for the same ids until the next publication: kept by core.memo
    # under those ids (so a preview's unsaved choices get their own), fetched otherwise.
    key = ("shown", language, *(frozenset(found[kind]) for kind in (IMAGE, DOCUMENT, PAGE)))
    objects = memo.get(memo.current_request(), key, lambda: _fetch(found, language))

    for stream, index, child, item in pending:
        stream[index] = (
            item["type"],
            to_python_with(child, item.get("value"), objects),
            item.get("id"),
        )
    for field in image_fields:
        image_id = getattr(page, field.attname)
        if image_id is not None:
            # An image that no longer exists reads as none, as the foreign key would.
            field.set_cached_value(page, objects[IMAGE].get(image_id))
    return objects[IMAGE]


def _fetch(found, language):
    """The images (with their renditions), documents and pages in ``found``, by kind and id."""
    objects = {IMAGE: _images(found[IMAGE]), DOCUMENT: {}, PAGE: {}}
    if found[DOCUMENT]:
        objects[DOCUMENT] = get_document_model().objects.in_bulk(found[DOCUMENT])
    if found[PAGE]:
        keys = Page.objects.filter(pk__in=found[PAGE]).values("translation_key")
        rows = Page.objects.filter(
            Q(pk__in=found[PAGE])
            | Q(
                translation_key__in=keys,
                locale__language_code=language,
            )
        ).select_related("locale")
        pages = {row.pk: row for row in rows}
        _localise(pages, language)
        objects[PAGE] = {pk: pages[pk] for pk in found[PAGE] if pk in pages}
    return objects
