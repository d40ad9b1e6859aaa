"""Helpers for data migrations that give a content language its Locale and home page.

Kept beside the migrations (the leading underscore hides this module from the migration loader)
so that adding a third language is one small migration calling ``add_language``. They use only
historical models, so they keep working as the models change.
"""

import uuid

from django.utils import timezone

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_STEP = 4


def _next_child_path(parent, page_model):
    """The treebeard materialised path for a new last child of ``parent``."""
    last = (
        page_model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    number = int(last.path[-_STEP:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = _ALPHABET[rest] + digits
    return parent.path + digits.rjust(_STEP, "0")


def add_language(apps, language_code, home_title):
    """Create the Locale for ``language_code`` and its home page, unless they exist."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    ContentType = apps.get_model("contenttypes", "ContentType")

    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    if HomePage.objects.filter(locale=locale).exists():
        return
    existing = HomePage.objects.order_by("path").first()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    # As Wagtail does when it translates a root-level page: the first home keeps "home" and each
    # translation takes a language suffix, so that every locale's tree has its own url_path.
    slug = f"home-{language_code}" if existing else "home"
    now = timezone.now()
    home = HomePage.objects.create(
        title=home_title,
        draft_title=home_title,
        slug=slug,
        content_type=content_type,
        path=_next_child_path(root, Page),
        depth=2,
        numchild=0,
        url_path=f"/{slug}/",
        locale=locale,
        translation_key=existing.translation_key if existing else uuid.uuid4(),
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    Page.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True)
