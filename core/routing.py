"""How a request finds its page, and the pages every page's header needs, in two queries.

Wagtail's serve view localises the site's root page (a locale query, a translation query and the
specific row), then walks the URL one segment at a time with two queries per segment (the child,
then its specific row), and its view-restriction check adds two more. The header then asks for
the home pages, the page's translations and the main menu. Here one query loads the ``PageTree``
of the request: every language's home page, the pages that can lie on the route (by depth and
slug), the translations of each of them, the main-menu pages under each home and the tree's root,
each flagged with whether a view restriction is set on it. Wagtail's own routing then runs on
those rows (``BasePage.route`` looks children up in the tree), so routable pages, unpublished
pages and 404s behave exactly as before; a second query loads the specific row of the page the
route ends at. Navigation (``core.navigation``) reads the same tree.

The tree a request routes on is kept between requests by ``core.memo`` (until published
content changes) and is read-only: the page the route ends at is fetched for each request.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction, Site

from core import memo

# Returned by ``PageTree.child`` for a child the tree was not loaded for (routing then falls
# back to Wagtail's own query), as opposed to None: no such child.
NOT_LOADED = object()


class PageTree:
    """The pages of one site that a request needs, as base ``Page`` rows with their locale."""

    def __init__(self, site, components=(), language=None):
        self.site = site
        root = site.root_page
        depth = root.depth
        language = language or _active_content_language()
        # (depth, slug) of every child the route can ask for: component k is a page at depth
        # depth + k + 1 whose parent is the page found for component k - 1.
        self.slots = {(depth + k + 1, slug) for k, slug in enumerate(components)}
        on_route = Q(pk__in=[])
        for slot_depth, slug in self.slots:
            on_route |= Q(depth=slot_depth, slug=slug)
        # The main menu is the children of the reader's home page, or of the root page when
        # there is none in the reader's language (navigation.current_home_page).
        home_path = Page.objects.filter(
            translation_key=root.translation_key, locale__language_code=language
        ).values("path")[:1]
        low, high = Page._get_children_path_interval("")
        menus = Q(show_in_menus=True, depth=depth + 1) & (
            Q(path__range=Page._get_children_path_interval(root.path))
            | Q(
                path__gte=Concat(Subquery(home_path), Value(low)),
                path__lte=Concat(Subquery(home_path), Value(high)),
            )
        )
        # Every branch of the filter can use an index (path, slug, translation key), so the
        # query does not read the whole page table however many pages there are.
        rows = list(
            Page.objects.filter(
                Q(translation_key=root.translation_key)  # the home pages
                | Q(path=root.path[: Page.steplen])  # the tree's root, for its restrictions
                | menus
                | on_route
                | Q(translation_key__in=Page.objects.filter(on_route).values("translation_key"))
            )
            .select_related("locale")
            .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
            .order_by("path")
        )
        self.by_path = {row.path: row for row in rows}
        self.by_key = {}
        for row in rows:
            self.by_key.setdefault(row.translation_key, []).append(row)
        self.loaded_keys = {root.translation_key} | {
            row.translation_key for row in rows if (row.depth, row.slug) in self.slots
        }
        self.root = self.by_path.get(root.path, root)
        self.menu_parents = {root.path} | {
            row.path
            for row in self.by_key.get(root.translation_key, [])
            if row.locale.language_code == language
        }

    @classmethod
    def for_request(cls, request):
        """The request's tree: the one routing loaded, else one with the homes and menus."""
        tree = getattr(request, "_page_tree", None)
        if tree is None:
            site = Site.find_for_request(request)
            tree = None
            if site is not None:
                language = _active_content_language()
                tree = memo.get(
                    request, ("tree", site.pk, language, ()), lambda: cls(site, (), language)
                )
            request._page_tree = tree
        return tree

    def homes(self):
        """The live home page of every language, by language code."""
        return {
            page.locale.language_code: page for page in self.translations(self.root.translation_key)
        }

    def translations(self, translation_key):
        """The live, non-alias pages that share ``translation_key`` (a page and its
        translations), or None when the tree was not loaded with them."""
        if translation_key not in self.loaded_keys:
            return None
        return [
            page
            for page in self.by_key.get(translation_key, [])
            if page.live and not page.alias_of_id
        ]

    def localized_root(self, language):
        """The page Wagtail starts routing at: the root page's translation in ``language`` if
        it is live (``Page.localized``), else the root page itself."""
        for page in self.by_key.get(self.root.translation_key, []):
            if page.locale.language_code == language:
                return page if page.live else self.root
        return self.root

    def child(self, parent, slug):
        """The child of ``parent`` with ``slug``; None if there is none; ``NOT_LOADED`` if the
        tree cannot tell."""
        if (parent.depth + 1, slug) not in self.slots:
            return NOT_LOADED
        for page in self.by_path.values():
            is_child = page.depth == parent.depth + 1 and page.path.startswith(parent.path)
            if is_child and page.slug == slug:
                return page.specific_deferred
        return None

    def menu(self, home):
        """``home``'s live, non-alias children that are shown in menus, in tree order; None if
        the tree was not loaded with them."""
        if home.path not in self.menu_parents:
            return None
        return [
            page
            for page in self.by_path.values()
            if page.depth == home.depth + 1
            and page.path.startswith(home.path)
            and page.show_in_menus
            and page.live
            and not page.alias_of_id
        ]

    def view_restriction_ids(self, page):
        """The ids of the view restrictions on ``page`` and its ancestors, or None when the tree
        lacks one of them or one is an alias (whose source's restrictions apply)."""
        ids = []
        for end in range(Page.steplen, len(page.path) + 1, Page.steplen):
            row = self.by_path.get(page.path[:end])
            if row is None or row.alias_of_id:
                return None
            if row.restricted:
                ids.append(row.pk)
        return ids


def _active_content_language():
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def route_request(request, path):
    """Find the route for ``path`` the way ``Page.route_for_request`` does, and leave it where
    Wagtail's serve view looks for it (``request._wagtail_route_for_request``)."""
    site = Site.find_for_request(request)
    if site is None:
        request._wagtail_route_for_request = None
        return
    components = [component for component in path.split("/") if component]
    language = _active_content_language()
    tree = memo.get(
        request,
        ("tree", site.pk, language, tuple(components)),
        lambda: PageTree(site, components, language),
    )
    request._page_tree = tree
    start = tree.localized_root(language)
    try:
        found = start.specific_deferred.route(request, components)
    except Http404:
        request._wagtail_route_for_request = None
        return
    row = tree.by_path.get(found.page.path)
    if row is None:
        # Routing left the tree (see PageTree.child) and Wagtail fetched the page itself.
        request._wagtail_route_for_request = found
        return
    # Routing ran on deferred rows: serve the page with all its fields, and route it again (no
    # queries) so that a routable page's view is bound to that instance. The instance is kept by
    # core.memo until the next publication, as the tree is: what a page works out for a request
    # is never stored on it, only what follows from its content (decision 0006).
    parent = getattr(found.page, "_cached_parent_obj", None)

    def load():
        page = row.get_specific(copy_attrs=())
        page.locale = row.locale  # already loaded with the row
        if parent is not None:
            page._cached_parent_obj = parent
        page._view_restriction_ids = tree.view_restriction_ids(page)
        return page

    page = memo.get(request, ("page", site.pk, row.pk), load)
    try:
        request._wagtail_route_for_request = page.route(
            request, components[page.depth - start.depth :]
        )
    except Http404:
        request._wagtail_route_for_request = None
