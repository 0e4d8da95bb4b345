"""``{% products %}`` writes the badges search/includes/products.html wrote
(the template it replaced, kept below as it was): escaped and not, with and
without links, a named, a fallback and an unknown code, none at all, and
each site's own names only."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from search.vocabulary import format_code, product_names

# search/includes/products.html, as the inclusion tag rendered it.
INCLUDED = (
    '{% load i18n %}{% if items %}<p class="products"><span class="products__label">'
    '{% translate "Product" %}:</span> {% for item in items %}{% if item.url %}'
    '<a class="badge badge--product" href="{{ item.url }}" lang="{{ item.name.language }}">'
    "{{ item.code }} · {{ item.name }}</a>{% else %}"
    '<span class="badge badge--product" lang="{{ item.name.language }}">'
    "{{ item.code }} · {{ item.name }}</span>{% endif %} {% endfor %}</p>{% endif %}\n"
)
CODES = [[], ["080132"], ["0901", "090111", "2601", "999999", "08"], None]


def included(site, codes, url_name: str, autoescape: bool) -> str:
    from django.urls import reverse

    codes = list(codes or [])
    names = product_names(codes, translation.get_language(), site) if codes else {}
    base = reverse(url_name) if url_name else ""
    items = [
        {"code": format_code(c), "name": names[c], "url": f"{base}?product={c}" if base else ""}
        for c in codes
    ]
    return Template(INCLUDED).render(Context({"items": items}, autoescape=autoescape))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "zh-hans", "en"])
def test_the_tag_writes_what_the_template_did(site_vn, site_id, in_site, language):
    request = RequestFactory().get("/")
    tag = Template("{% load products %}{% products codes url_name %}")
    for site in (site_vn, site_id):
        request.tenant = site
        with in_site(site), translation.override(language):
            for codes in CODES:
                for url_name in ("opportunity_list", ""):
                    for autoescape in (True, False):
                        context = {"request": request, "codes": codes, "url_name": url_name}
                        written = tag.render(Context(context, autoescape=autoescape))
                        assert written == included(site, codes, url_name, autoescape)
    with in_site(site_vn), translation.override("vi"):
        request.tenant = site_vn
        written = tag.render(Context({"request": request, "codes": ["080132"], "url_name": ""}))
        assert 'lang="vi">0801.32 · ' in written and "Sản phẩm" in written


@pytest.mark.django_db
def test_without_codes_or_a_site_nothing_is_looked_up(site_vn, django_assert_num_queries):
    tag = Template('{% load products %}{% products codes "opportunity_list" %}')
    with django_assert_num_queries(0):
        assert tag.render(Context({"codes": [], "request": RequestFactory().get("/")})) == "\n"
        assert tag.render(Context({"codes": ["0801"]})) == "\n"
