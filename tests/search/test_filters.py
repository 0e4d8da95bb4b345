"""The search page's filters: the product select (written by a template tag,
search.templatetags.products.product_options) and the names given filters
are named by where a search offers to drop them."""

import re

import pytest
from django.utils import translation

from search.forms import SearchForm
from search.templatetags.products import product_options
from search.vocabulary import ProductGroups, choices


def test_the_product_options_are_grouped_escaped_and_one_is_chosen():
    groups = [
        ("08 · Fruit & nuts", [("08", "08 · Fruit & nuts"), ("0801", '0801 · "Cashew" <raw>')]),
        ("09 · Coffee", [("0901", "0901 · Coffee")]),
    ]

    html = product_options(groups, "0801")

    assert html == (
        '<optgroup label="08 · Fruit &amp; nuts"><option value="08">08 · Fruit &amp; nuts</option>'
        '<option value="0801" selected>0801 · &quot;Cashew&quot; &lt;raw&gt;</option></optgroup>'
        '<optgroup label="09 · Coffee"><option value="0901">0901 · Coffee</option></optgroup>'
    )
    assert "selected" not in product_options(groups, "")


def test_a_kept_vocabularys_options_are_written_once_each_render_choosing_its_own(monkeypatch):
    from search.templatetags import products

    groups = ProductGroups(
        [("08 · Fruit & nuts", (("08", "08 · Fruit & nuts"), ("0801", "0801 · Cashew <raw>")))]
    )
    groups.key = ("portal", "site_x", "en", ("en",), 1)
    written = []
    real = products._options
    monkeypatch.setattr(products, "_options", lambda g: written.append(g) or real(g))

    chosen = [product_options(groups, code) for code in ("0801", "", "08", '"><x')]

    assert len(written) == 1
    assert chosen[0] == product_options(list(groups), "0801")  # as if not kept
    assert [html.count(" selected") for html in chosen] == [1, 0, 1, 0]
    assert chosen[1] == chosen[3]  # an odd value chooses nothing, writes nothing


@pytest.mark.django_db
def test_the_search_page_offers_every_product_and_keeps_the_one_chosen(
    client, site_vn, in_site, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # rendered, not a kept fragment
    with in_site(site_vn):
        groups = choices("vi", site_vn)
    codes = [code for _chapter, options in groups for code, _label in options]

    page = client.get("/vi/search/?q=cảng&product=0801", HTTP_HOST="cn-vn.localhost")
    html = page.content.decode()
    select = re.search(r'<select id="search-product".*?</select>', html, re.S).group(0)

    assert re.findall(r'<option value="(\d+)"', select) == codes
    assert re.findall(r'<option value="(\d+)" selected', select) == ["0801"]
    assert select.count("<optgroup") == len(groups)
    # How the filter is named where the page offers to drop it.
    label = dict(option for _chapter, options in groups for option in options)["0801"]
    with in_site(site_vn), translation.override("vi"):
        form = SearchForm(
            {"product": "0801", "type": "nothing"}, site=site_vn, language="vi", countries=[]
        )
        assert form.given_labels() == {"product": f"Sản phẩm: {label}"}


@pytest.mark.django_db
def test_a_search_reads_the_products_only_for_a_select_not_kept_or_a_product_given(
    client, site_vn, monkeypatch
):
    """Unpickling the ~350 products from the cache for the form cost ~5 ms of
    a search page's ~25 ms of CPU, when the select is a kept fragment and no
    product is asked for; the cooperation lists read them lazily already."""
    from search import forms

    reads = []
    monkeypatch.setattr(forms, "choices", lambda *a, **k: reads.append(a) or choices(*a, **k))
    host = {"HTTP_HOST": "cn-vn.localhost", "HTTP_CACHE_CONTROL": "no-cache"}
    first = client.get("/vi/search/?q=cảng", **host).content.decode()  # keeps the select
    reads.clear()

    again = client.get("/vi/search/?q=cảng", **host).content.decode()
    assert reads == []
    assert again == first
    filtered = client.get("/vi/search/?q=cảng&product=0801", **host).content.decode()
    assert len(reads) == 1
    assert re.findall(r'<option value="(\d+)" selected', filtered) == ["0801"]
