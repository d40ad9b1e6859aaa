from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner cities")

    def ready(self):
        from partners.timeline import CulturalWeekSource, ExchangeSource, register_source

        register_source(ExchangeSource())
        register_source(CulturalWeekSource())

        from wagtail.signals import page_published

        from partners.models import PartnerCityPage

        page_published.connect(_sync_fields_of_cooperation, sender=PartnerCityPage)


def _sync_fields_of_cooperation(sender, instance, **kwargs):
    instance.sync_fields_of_cooperation()
