import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage
from tests.factories import FieldOfCooperationFactory, PartnerIndexPageFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # Site root paths and settings are cached between requests; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request to /en/ leaves English active in the thread; every test starts in Persian.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def fa_home(db):
    return HomePage.objects.get(locale__language_code="fa")


@pytest.fixture
def en_home(db):
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def en_locale(db):
    return Locale.objects.get(language_code="en")


def _member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(
        username=group_name.lower(), email=f"{group_name.lower()}@example.org", password="x"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _member_of(django_user_model, "Editors")


@pytest.fixture
def moderator(db, django_user_model):
    return _member_of(django_user_model, "Moderators")


@pytest.fixture
def partner_index(db):
    return PartnerIndexPageFactory()


@pytest.fixture
def culture(db):
    return FieldOfCooperationFactory(name="فرهنگ", slug="culture")
