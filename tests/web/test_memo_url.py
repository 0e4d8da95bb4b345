"""``{% url %}`` (web/templatetags/memo_url.py): what Django's tag gives, in
each language and URL configuration, reversed once."""

import pytest
from django.template import Context, engines
from django.urls import NoReverseMatch, reverse, set_urlconf
from django.utils import translation

from web.templatetags import memo_url


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).template.render(Context(context))


@pytest.fixture
def reversals(monkeypatch):
    memo_url._reverse.cache_clear()
    calls = []
    monkeypatch.setattr(memo_url, "reverse", lambda *a, **k: calls.append(a) or reverse(*a, **k))
    yield calls
    memo_url._reverse.cache_clear()
    set_urlconf(None)


def test_urls_are_djangos_per_language_and_configuration_and_reversed_once(reversals):
    page = "{% url 'article_list' %}|{% url 'opportunity_interest' pk=pk %}|{% url 'hub' as hub %}[{{ hub }}]"
    for _ in range(2):
        for language in ("vi", "zh-hans"):
            with translation.override(language):
                assert render(page, pk=7) == (
                    f"{reverse('article_list')}|{reverse('opportunity_interest', kwargs={'pk': 7})}|[]"
                )
                assert reverse("article_list").startswith(f"/{language}/")
    assert len(reversals) == 2 * 2 + 2 * 2  # first round only (the hub's, refused, each time)
    set_urlconf("portal.urls_public")  # the hub's, as django-tenants sets it
    with translation.override("en"):
        assert render("{% url 'hub' %}") == "/en/"
        with pytest.raises(NoReverseMatch):
            render("{% url 'article_list' %}")


def test_arguments_equal_to_a_remembered_one_are_still_reversed_as_django_does(reversals):
    page = "{% url 'opportunity_interest' pk=pk %}"
    with translation.override("vi"):
        assert render(page, pk="5") == render(page, pk=5) == "/vi/opportunities/5/interest/"
        assert render(page, pk=1) == "/vi/opportunities/1/interest/"
        with pytest.raises(NoReverseMatch):  # True == 1, but Django reverses "True"
            render(page, pk=True)
