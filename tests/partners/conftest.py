import pytest

from tests.factories import FieldOfCooperationFactory, PartnerIndexPageFactory


@pytest.fixture
def partner_index(db):
    return PartnerIndexPageFactory()


@pytest.fixture
def culture(db):
    return FieldOfCooperationFactory(name="فرهنگ", slug="culture")


@pytest.fixture
def tourism(db):
    return FieldOfCooperationFactory(name="گردشگری", slug="tourism")
