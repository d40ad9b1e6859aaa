from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from wagtail.signals import page_published

        page_published.connect(_sync_many_to_many)


def _sync_many_to_many(sender, instance, **kwargs):
    from core.models import BasePage

    if isinstance(instance, BasePage):
        instance.sync_many_to_many_to_translations()
