import copy
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.http import Http404
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, Site, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import memo
from core.i18n import search_index_text, sort_key
from core.prefetch import prefetch_page
from core.routing import NOT_LOADED


class BasePage(Page):
    """What every page type shares: how it is listed and how it looks when shared."""

    listing_title = models.CharField(
        _("listing title"),
        max_length=255,
        blank=True,
        help_text=_("Shown in lists of pages instead of the title, if given."),
    )
    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        help_text=_("One or two sentences shown in lists of pages."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social media."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("listing_title"),
                FieldPanel("listing_summary"),
                FieldPanel("listing_image"),
                FieldPanel("social_image"),
            ],
            heading=_("Listings and sharing"),
        ),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("show_in_menus"),
        TranslatableField("listing_title"),
        TranslatableField("listing_summary"),
        SynchronizedField("listing_image"),
        SynchronizedField("social_image"),
    ]

    # Fields whose text goes into the search index, in one normalised spelling (see
    # core.i18n.search_normalise); each page type lists its own.
    search_text_fields: tuple[str, ...] = ()

    search_fields = [*Page.search_fields, index.SearchField("search_text")]

    class Meta:
        abstract = True

    def get_listing_title(self):
        return self.listing_title or self.title

    # A page's URL asked for without the request (``page.url``, ``page.full_url``) is made as
    # if with the request being served: the same URL, from the root paths the request holds
    # (core/memo.py), instead of a cache read per page object.
    def get_url_parts(self, request=None):
        return super().get_url_parts(request=request or memo.current_request())

    def get_url(self, request=None, current_site=None):
        return super().get_url(request=request or memo.current_request(), current_site=current_site)

    url = property(get_url)  # Wagtail's property calls its own get_url

    def route(self, request, path_components):
        """Wagtail's routing, with each child looked up in the request's page tree (loaded by
        ``core.routing`` in one query) instead of two queries per URL segment."""
        tree = getattr(request, "_page_tree", None)
        if not path_components or tree is None:
            return super().route(request, path_components)
        child = tree.child(self, path_components[0])
        if child is NOT_LOADED:
            return super().route(request, path_components)
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return child.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prefetch_shown()
        return context

    def prefetch_shown(self):
        """Fetch the images (with renditions), documents and pages this page shows, one query
        per kind for the whole page (core/prefetch.py); returns the images by id."""
        if "_shown_images" not in self.__dict__:
            self._shown_images = prefetch_page(self, extra_images=self.images_shown_elsewhere())
        return self._shown_images

    def images_shown_elsewhere(self):
        """Ids of images the page shows that are neither its image fields nor in its streams
        (a cultural week's programme items), so they are fetched with the rest."""
        return ()

    def get_view_restrictions(self):
        """Wagtail's answer, without its two queries when routing already knows it (see
        ``PageTree.view_restriction_ids``)."""
        ids = getattr(self, "_view_restriction_ids", None)
        if ids is None:
            return super().get_view_restrictions()
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=ids)

    def sync_many_to_many_to_translations(self):
        """Give every translation the default-language page's values of each synchronised
        many-to-many field, including none at all: wagtail-localize copies such a field only
        when it has values, so emptying it on the source never reached the translations."""
        names = [
            f.field_name
            for f in self.translatable_fields
            if isinstance(f, SynchronizedField)
            and isinstance(self._meta.get_field(f.field_name), ParentalManyToManyField)
        ]
        if not names:
            return
        pages = list(
            type(self).objects.filter(translation_key=self.translation_key).select_related("locale")
        )
        source = next((p for p in pages if p.locale.language_code == settings.LANGUAGE_CODE), self)
        wanted = {name: list(getattr(source, name).all()) for name in names}
        for page in pages:
            changed = False
            for name, values in wanted.items():
                if page.pk != source.pk and set(getattr(page, name).all()) != set(values):
                    getattr(page, name).set(values)
                    changed = True
            if changed:
                page.save()

    def meta_description(self):
        """For search engines and link previews: the first of the page's own descriptions."""
        for name in ("search_description", "listing_summary", "summary", "intro"):
            value = getattr(self, name, "")
            if value:
                return Truncator(strip_tags(value)).chars(200)
        return ""

    def sharing_image(self):
        return self.social_image or self.listing_image or getattr(self, "hero_image", None)

    def search_text(self):
        if self.alias_of_id:
            return ""  # an alias shows another language's page: not a result in this language
        parts = [self.title, self.listing_summary, self.search_description]
        for name in self.search_text_fields:
            field = self._meta.get_field(name)
            value = getattr(self, name)
            if isinstance(field, StreamField):
                parts.extend(field.get_searchable_content(value))
            elif isinstance(field, RichTextField):
                parts.append(strip_tags(value or ""))
            else:
                parts.append(str(value or ""))
        return search_index_text(" ".join(part for part in parts if part))


class TermLabel(NamedTuple):
    name: str
    lang: str  # the name's language when it is not the reader's, else ""


class TranslatableTaxonomy(TranslatableMixin, models.Model):
    """A list of terms shared by several page types (fields of cooperation, programme
    categories): translated names, and a slug that is the same in every language so that filter
    URLs work across languages. Pages link to the default language's terms; ``localised_names``
    finds the reader's translation of each."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Used in filter addresses; the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="%(app_label)s_%(class)s_unique_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def with_local_names(cls, queryset, language=None):
        """``queryset`` (of terms) with each term's name in ``language`` (the active one by
        default) annotated, so that ``localised_names`` and ``localised_labels`` need no query
        of their own."""
        if not isinstance(queryset, models.QuerySet):
            return queryset  # a preview's unsaved choices, held in memory
        language = language or translation.get_language()
        return queryset.annotate(
            local_name=cls.local_name("translation_key", language),
            local_name_language=Value(language),
        )

    @classmethod
    def local_name(cls, translation_key, language):
        """A subquery for the name in ``language`` of the term whose translation key is the
        outer query's ``translation_key`` field (None where it is not translated)."""
        return Subquery(
            cls.objects.filter(
                translation_key=OuterRef(translation_key), locale__language_code=language
            ).values("name")[:1]
        )

    @classmethod
    def _translated_names(cls, terms, language):
        terms = list(terms)
        keys = {term.translation_key for term in terms}
        if not keys:
            return {}
        if all(getattr(term, "local_name_language", None) == language for term in terms):
            return {t.translation_key: t.local_name for t in terms if t.local_name is not None}
        return dict(
            cls.objects.filter(
                translation_key__in=keys, locale__language_code=language
            ).values_list("translation_key", "name")
        )

    @classmethod
    def localised_names(cls, terms, language=None):
        """``{translation_key: name}`` in ``language`` (the active one by default), one query;
        a term not translated into it keeps its own name."""
        language = language or translation.get_language()
        names = {term.translation_key: term.name for term in terms}
        names.update(cls._translated_names(terms, language))
        return names

    @classmethod
    def localised_labels(cls, terms, language=None):
        """The terms' names for display, sorted, each with the language it is written in when
        that is not the reader's (an untranslated term), so templates can mark it with lang."""
        language = language or translation.get_language()
        translated = cls._translated_names(terms, language)
        labels = [
            TermLabel(translated[term.translation_key], "")
            if term.translation_key in translated
            else TermLabel(term.name, settings.LANGUAGE_CODE)
            for term in terms
        ]
        return sorted(labels, key=lambda label: sort_key(label.name))


def language_choices():
    return settings.LANGUAGES


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """The office's contact details shown in every page's footer."""

    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_demo = models.BooleanField(
        _("demo site"),
        default=False,
        help_text=_("Adds a footer line saying the content is demonstration content."),
    )

    panels = [
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("is_demo"),
        InlinePanel("office_details", heading=_("Office name and address, per language")),
        InlinePanel("social_links", heading=_("Social media")),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """Wagtail's settings for the request (kept on it), with the two lists every page shows
        (office details, social links) joined into the same query instead of two more. The
        join repeats each detail once per link: a handful of rows. Kept between requests by
        ``core.memo``, each request getting its own copy."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            instance = None
            if site is not None:
                instance = memo.get(request, ("settings", site.pk), lambda: cls._with_lists(site))
            if instance is None:  # no settings saved yet: Wagtail creates them
                return super().for_request(request)
            instance = copy.copy(instance)
            instance._page_url_cache = {}  # Wagtail's, built for one request's host
            instance._request = request
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

    @classmethod
    def _with_lists(cls, site):
        lists = {"office_details": OfficeDetails, "social_links": SocialLink}
        own = [field.attname for field in cls._meta.concrete_fields]
        # Each list's columns in its model's field order, the link to the settings left out.
        columns = {
            name: [f.attname for f in model._meta.concrete_fields if f.name != "settings"]
            for name, model in lists.items()
        }
        rows = list(
            cls.objects.filter(site=site).values_list(
                *own,
                *(f"{name}__{attname}" for name, names in columns.items() for attname in names),
            )
        )
        if not rows:
            return None
        db = cls.objects.db
        instance = cls.from_db(db, own, rows[0][: len(own)])
        start = len(own)
        for name, model in lists.items():
            names = columns[name]
            found = {}
            for row in rows:
                values = dict(zip(names, row[start : start + len(names)], strict=True))
                if values["id"] is not None and values["id"] not in found:
                    values["settings_id"] = instance.pk
                    attnames = [f.attname for f in model._meta.concrete_fields]
                    found[values["id"]] = model.from_db(
                        db, attnames, [values[attname] for attname in attnames]
                    )
            setattr(instance, name, list(found.values()))  # modelcluster keeps them sorted
            start += len(names)
        return instance

    @property
    def site_name(self):
        """The office's name in the active language, or the configured site name."""
        return self.localised.office_name if self.localised else settings.WAGTAIL_SITE_NAME

    @cached_property
    def _details_by_language(self):
        return {d.language: d for d in self.office_details.all()}

    @property
    def localised(self):
        """The office details in the active language, else in the default language."""
        details = self._details_by_language
        return details.get(translation.get_language()) or details.get(settings.LANGUAGE_CODE)


class OfficeDetails(Orderable):
    """Site settings are not translatable pages, so their wording is kept per language here."""

    settings = ParentalKey(SiteSettings, related_name="office_details", on_delete=models.CASCADE)
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    office_name = models.CharField(_("office name"), max_length=200)
    address = models.TextField(_("address"), blank=True)

    panels = [FieldPanel("language"), FieldPanel("office_name"), FieldPanel("address")]

    class Meta(Orderable.Meta):
        verbose_name = _("office details")
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "language"], name="unique_office_details_per_language"
            )
        ]


class SocialLink(Orderable):
    settings = ParentalKey(SiteSettings, related_name="social_links", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=60, help_text=_("For example: Instagram."))
    url = models.URLField(_("URL"))

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social link")
