from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Citizen diplomats")

    def ready(self):
        from applications.roadmap import RoadmapSection, RoadmapSource
        from partners.sections import register_section
        from partners.timeline import register_source

        register_source(RoadmapSource())
        register_section(RoadmapSection())
