from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from partners.timeline import register_source
        from stories.timeline import StorySource

        register_source(StorySource())
