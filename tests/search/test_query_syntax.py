"""No query is tsquery syntax: unaccent's punctuation (¼ → 1/4, ː → :) stays words."""

import pytest

from tests.factories.articles import make_article


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["a¼b", "aːx", "⑴", "½ ⅓ ¾", "x‼y", "℀", "a⁄b", "ǅ ﬁ", "'ab'", "a\\b", "a:*b"]
)
def test_unaccent_never_turns_a_query_into_syntax(client, site_vn, query):
    response = client.get("/vi/search/", {"q": query}, HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 200


@pytest.mark.django_db
def test_words_around_such_characters_are_still_found(client, site_vn, in_site):
    with in_site(site_vn):
        make_article(texts={"vi": "Xuất khẩu quýt hồng Lai Vung zyxquy"})

    odd = client.get("/vi/search/", {"q": "zyxquy¼ quyt"}, HTTP_HOST="cn-vn.localhost")
    plain = client.get("/vi/search/", {"q": "zyxquy quyt hong"}, HTTP_HOST="cn-vn.localhost")

    assert odd.status_code == 200  # never an error
    assert "Xuất khẩu quýt hồng Lai Vung zyxquy" in plain.content.decode()
