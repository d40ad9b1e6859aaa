from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from applications import admin_views as application_admin_views
from applications import urls as application_urls
from core import views as core_views
from home import views as home_views
from stories.feeds import AtomStoryFeed, StoryFeed

urlpatterns = [
    # Before the admin's own URLs, so that nobody without permission is even sent to log in.
    path(
        "admin/applications/cv/<int:pk>/",
        application_admin_views.cv_download,
        name="application_cv",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Persian (the default language) at "/", English at "/en/". Our own views come before Wagtail's
# catch-all page route.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include(application_urls)),
    path("feeds/stories/rss/", StoryFeed(), name="stories_rss"),
    path("feeds/stories/atom/", AtomStoryFeed(), name="stories_atom"),
    # <str:>, not <slug:>: Wagtail slugs may be Persian.
    path("feeds/cities/<str:city_slug>/rss/", StoryFeed(), name="city_stories_rss"),
    path("feeds/cities/<str:city_slug>/atom/", AtomStoryFeed(), name="city_stories_atom"),
    path("", include("core.urls")),  # Wagtail's page URLs, routed by core/routing.py
    prefix_default_language=False,
)
