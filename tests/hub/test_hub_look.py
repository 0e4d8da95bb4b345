"""What the hub shows around its items: excerpts that keep words whole, and
an icon in the head served from static files."""

import pytest
from django.templatetags.static import static
from django_tenants.utils import schema_context

from tests.factories.articles import make_article
from web.rich_text import plain_text

HUB = {"HTTP_HOST": "localhost"}


def test_inline_tags_do_not_split_words_and_blocks_do_not_glue_them():
    assert plain_text("<p>Trade with <b>Viet</b>nam</p><p>grows</p>") == "Trade with Vietnam grows"
    assert plain_text("<p>Hà<em>nội</em><br>Huế</p><ul><li>one</li><li>two</li></ul>") == (
        "Hànội Huế one two"
    )
    assert plain_text('<p>a<a href="/x">b</a>c</p><h2>d</h2>e') == "abc d e"
    assert plain_text("<td>1</td><td>2</td>") == "1 2"
    assert plain_text("x<img src='/media/a.png' alt='y'>z") == "x z"


@pytest.mark.django_db
def test_a_hub_excerpt_keeps_a_word_whole_across_a_tag(client, site_vn):
    with schema_context(site_vn.schema_name):
        article = make_article(texts={"en": "Border trade rules"})
        article.body_en = (
            "<p>Exports to <strong>Viet</strong>nam rose in <em>Q</em>3.</p><p>Next</p>"
        )
        article.save()

    html = client.get("/en/search/?q=rules", **HUB).content.decode()

    assert "Exports to Vietnam rose in Q3. Next" in html
    assert "Viet nam" not in html


@pytest.mark.django_db
def test_the_hub_and_each_site_name_an_icon_from_static_files(client, site_vn):
    icon = static("portal/favicon.svg")
    for host, path in (("localhost", "/en/"), ("cn-vn.localhost", "/vi/")):
        html = client.get(path, HTTP_HOST=host).content.decode()
        head = html[: html.index("</head>")]
        assert f'<link rel="icon" href="{icon}" type="image/svg+xml">' in head, host
        assert 'rel="apple-touch-icon"' in head, host
