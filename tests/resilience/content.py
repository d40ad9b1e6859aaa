"""The least a site needs to take applications: an open call under the Persian home page, one
partner city to choose and one field of cooperation. Built with the test factories, so it is the
same content the form tests use; importable by a server process of its own, which builds it in
its own database (``python -c "...; build_open_call()"``)."""


def build_open_call():
    """Create the call, a partner city and a field of cooperation; return the call page."""
    from applications.models import ApplicationPage
    from home.models import HomePage
    from tests.factories import (
        FieldOfCooperationFactory,
        PartnerCityPageFactory,
        PartnerIndexPageFactory,
    )

    index = PartnerIndexPageFactory()
    PartnerCityPageFactory(parent=index, title="شیان", slug="xian", country="CN")
    FieldOfCooperationFactory(name="فرهنگ", slug="culture")
    call = ApplicationPage(
        title="فراخوان سفیران شهروندی",
        slug="citizen-diplomats",
        intro="<p>پیش‌درآمد</p>",
        privacy_notice_version="2021-1",
    )
    HomePage.objects.get(locale__language_code="fa").add_child(instance=call)
    call.save_revision().publish()
    return call
