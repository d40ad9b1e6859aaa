from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner cities")

    def ready(self):
        from partners.timeline import CulturalWeekSource, ExchangeSource, register_source

        register_source(ExchangeSource())
        register_source(CulturalWeekSource())
