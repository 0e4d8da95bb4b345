"""The page cache on Redis (CACHE_URL, as DEPLOY.md runs it): what a page
asks of Redis, and that a committed write is still seen at once.

A site's generation is read with the public schema's, in one round trip,
once the host's site is known in the process (tenants.services.site_lookup),
and read once a request (web.page_cache): each round trip to Redis was
~0.1 ms of a worker's CPU, where a page served from the page cache takes
~0.3 ms in all (bench/http.py with CACHE_URL)."""

from tests.factories.articles import make_article

VN = "cn-vn.localhost"


def visit(client, path: str, **headers) -> str:
    response = client.get(path, HTTP_HOST=VN, **headers)
    assert response.status_code == 200, path
    return response["X-Page-Cache"]


def test_a_stored_page_costs_one_round_trip(db, client, on_redis, redis_commands):
    assert [visit(client, "/en/news/"), visit(client, "/en/news/")] == ["miss", "hit"]
    redis_commands.clear()

    assert visit(client, "/en/news/") == "hit"
    assert redis_commands == ["MGET"]  # the two generations; the page is in this process


def test_a_rendered_page_reads_the_generations_once(db, client, on_redis, redis_commands):
    visit(client, "/en/news/")
    visit(client, "/en/events/")  # anything a first page reads once per process
    redis_commands.clear()

    assert visit(client, "/en/news/", HTTP_CACHE_CONTROL="no-cache") == "miss"
    assert redis_commands == ["MGET", "SET"]  # the generations (pages and fragments), the page


def test_a_committed_write_is_seen_by_the_next_visit(
    db, client, on_redis, site_vn, in_site, committed
):
    with in_site(site_vn), committed():
        make_article(slug="before", texts={"en": "Before the write"})
    assert [visit(client, "/en/news/"), visit(client, "/en/news/")] == ["miss", "hit"]

    with in_site(site_vn), committed():
        make_article(slug="after", texts={"en": "Written since"})

    response = client.get("/en/news/", HTTP_HOST=VN)
    assert response["X-Page-Cache"] == "miss"
    assert "Written since" in response.content.decode()
    assert visit(client, "/en/news/") == "hit"


def test_a_host_that_moved_to_another_site_is_looked_up_again(
    db, client, on_redis, site_vn, site_id, committed
):
    """The site remembered for a host only says which site's generation to
    read along: once a domain moves (the public generation with it), the
    host serves its new site."""
    assert visit(client, "/en/") in ("miss", "hit")
    with committed():
        domain = site_vn.domains.get(domain=VN)
        domain.tenant = site_id
        domain.is_primary = False
        domain.save()

    response = client.get("/en/", HTTP_HOST=VN)
    assert response.status_code == 200
    assert "China–Indonesia" in response.content.decode()
