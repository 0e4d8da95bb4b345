"""``{% static %}`` of ``memo_static``: Django's address, remembered per path
and forgotten when the settings change."""

from django.template import Context, engines
from django.templatetags.static import static

from web.templatetags.memo_static import memo_static


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).template.render(Context(context))


def test_the_address_is_djangos_and_follows_the_settings(settings):
    page = "{% load memo_static %}{% static 'portal/copy.js' %}|{% static name as url %}[{{ url }}]"
    expected = f"{static('portal/copy.js')}|[{static('a b&c.js')}]"
    assert render(page, name="a b&c.js") == expected.replace("&", "&amp;")

    settings.STATIC_URL = "/elsewhere/"
    assert memo_static("portal/copy.js") == static("portal/copy.js")
    assert static("portal/copy.js").startswith("/elsewhere/")
