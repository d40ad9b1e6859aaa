import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import HomePage, StandardPage


def persian_home():
    return HomePage.objects.get(locale__language_code="fa")


class StandardPageFactory(wagtail_factories.PageFactory):
    """A published Persian standard page under the Persian home page."""

    title = factory.Sequence(lambda n: f"صفحهٔ آزمایشی {n}")
    slug = factory.Sequence(lambda n: f"test-page-{n}")
    intro = "پیش‌درآمد آزمایشی"
    parent = factory.LazyFunction(persian_home)
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="fa"))

    class Meta:
        model = StandardPage
