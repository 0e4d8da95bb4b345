"""Every list answers a bad page number the same way, through the shared
pager: not a number → 404; past the end → the last page, shown in place,
with a note saying that the page asked for does not exist."""

import re

import pytest

ID = {"HTTP_HOST": "cn-id.localhost"}
HUB = {"HTTP_HOST": "localhost"}

LISTS = [
    ("/id/search/?q=kopi", ID),
    ("/id/search/?type=opportunity", ID),
    ("/id/enterprises/", ID),
    ("/id/events/past/", ID),
    ("/id/events/", ID),
    ("/id/questions/", ID),
    ("/en/search/?q=coffee", HUB),
    ("/en/events/", HUB),
]


def _with(path: str, page: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}page={page}"


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "host"), LISTS)
@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "１"])
def test_a_page_that_is_not_a_number_is_not_found(client, site_id, path, host, page):
    assert client.get(_with(path, page), **host).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "host"), LISTS)
def test_a_page_past_the_end_shows_the_last_page_in_place(client, site_id, path, host):
    response = client.get(_with(path, "99999"), **host)
    assert response.status_code == 200  # not a redirect elsewhere
    last = response.context["pager"]
    assert last.number == last.num_pages
    first = client.get(path, **host).context["pager"]
    assert last.num_pages == first.num_pages
    html = response.content.decode()
    canonical = html[html.index('rel="canonical"') :][:300]
    assert "99999" not in canonical


#: "Page 99999 does not exist; this is the last page, N." in each list's language.
NOTES = {
    ID["HTTP_HOST"]: r"Halaman 99\.999 tidak ada; ini halaman terakhir, (\d+)\.",
    HUB["HTTP_HOST"]: r"Page 99,999 does not exist; this is the last page, (\d+)\.",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "host"), LISTS)
def test_a_page_past_the_end_says_so_in_the_readers_language(client, site_id, path, host):
    response = client.get(_with(path, "99999"), **host)
    found = re.search(NOTES[host["HTTP_HOST"]], response.content.decode())
    assert found
    assert found.group(1) == str(response.context["pager"].num_pages)
    # The pages that exist carry no such note.
    assert "pager__past-end" not in client.get(path, **host).content.decode()


# News and listings page from a date cursor (``?older=``/``?newer=``), not by
# number: a ``?page=`` (a bookmark, a guess, another list's habit) must not
# show page 1 while the address says 2.
CURSOR_LISTS = [("/id/news/", "articles"), ("/id/opportunities/", "opportunities")]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), CURSOR_LISTS)
@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "１"])
def test_a_cursor_list_refuses_a_page_that_is_not_a_number(client, site_id, path, name, page):
    assert client.get(f"{path}?page={page}", **ID).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), CURSOR_LISTS)
def test_a_cursor_list_sends_page_one_to_the_list_itself(client, site_id, path, name):
    response = client.get(f"{path}?page=1&country=CN", **ID)
    assert response.status_code == 301
    assert response["Location"] == f"{path}?country=CN"


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), CURSOR_LISTS)
def test_a_cursor_list_sends_a_page_number_to_that_page(client, site_id, path, name):
    """?page=2 leads to the page the list's own "older" link opens: the
    same items, under an address that stays right as the list grows."""
    first = client.get(path, **ID)
    older = first.context["pager"].next_url
    assert older, "the demo list has a second page"
    response = client.get(f"{path}?page=2", **ID)
    assert response.status_code == 302
    assert response["Location"] == older
    second = client.get(response["Location"], **ID)
    assert [o.pk for o in second.context[name]] != [o.pk for o in first.context[name]]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), CURSOR_LISTS)
def test_a_cursor_list_sends_a_page_past_the_end_to_the_last_page(client, site_id, path, name):
    response = client.get(f"{path}?page=400", **ID)
    assert response.status_code == 302
    last = client.get(response["Location"], **ID)
    assert last.status_code == 200 and last.context[name]
    assert not last.context["pager"].next_url  # nothing older: it is the last page
    # Beyond what the pager counts, a number is not followed (it would read
    # every row before it): the list's links go there.
    assert client.get(f"{path}?page=999999", **ID).status_code in (302, 404)
    assert client.get(f"{path}?page=2&older=1.1", **ID).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), CURSOR_LISTS)
def test_a_cursor_list_answers_odd_page_values_with_a_4xx(client, site_id, path, name):
    for query in ("page=%00", "page=9999999999", "page=" + "9" * 5000, "page=2&page=3",
                  "page=2&newer=1.1", "page=%F0%9F%98%80"):  # fmt: skip
        status = client.get(f"{path}?{query}", **ID).status_code
        assert status in (302, 400, 404), (query, status)


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), CURSOR_LISTS)
def test_a_cursor_list_past_the_end_says_so_in_the_readers_language(client, site_id, path, name):
    """As the numbered lists do: the last page, with a note that page 400
    does not exist and which page this is."""
    response = client.get(f"{path}?page=400", **ID)
    last = client.get(response["Location"], **ID)

    found = re.search(NOTES[ID["HTTP_HOST"]].replace("99\\.999", "400"), last.content.decode())
    assert found
    pager = last.context["pager"]
    assert int(found.group(1)) == -(-pager.count // pager.per_page)
    # The same address with a page that exists, or not the last page: no note.
    assert "pager__past-end" not in client.get(path, **ID).content.decode()
    forged = client.get(f"{path}?asked=400", **ID)
    assert "pager__past-end" not in forged.content.decode()
