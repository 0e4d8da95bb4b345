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
