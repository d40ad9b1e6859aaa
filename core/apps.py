from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from wagtail.signals import page_published

        from core import page_cache
        from core.admin_access import stamp_sign_in

        page_published.connect(_sync_many_to_many)
        user_logged_in.connect(stamp_sign_in)
        page_cache.connect_signals()


def _sync_many_to_many(sender, instance, **kwargs):
    from core.models import BasePage

    if isinstance(instance, BasePage):
        instance.sync_many_to_many_to_translations()
