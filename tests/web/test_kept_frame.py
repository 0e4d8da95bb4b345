"""The page frame kept rendered around its holes (web/templatetags/frame.py):
every page reads as it does rendered whole, for every reader; what the
frame shows follows each write at once; a reader's own parts never travel.

Pages are asked for with ``Cache-Control: no-cache``: only kept parts could be stale.
"""

import re

import pytest
from django.core.management import call_command
from django.template import Context, TemplateSyntaxError, engines
from django.template.loader_tags import BlockContext, BlockNode
from django.test import Client

from tenants.models import Site
from tests.factories.accounts import make_member
from tests.factories.articles import make_article
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing
from tests.web.test_fragments import VN, rendered
from web.fragment_store import fragments as kept_fragments
from web.templatetags import frame

ID = "cn-id.localhost"


def untokened(page: str) -> str:
    """The page but for each visitor's own CSRF token (masked anew each time)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def frames() -> list[str]:
    return [key for key in kept_fragments if ":frame:" in key]


def whole(monkeypatch, path: str, host: str = VN, client: Client | None = None) -> str:
    """The page rendered with no frame kept (as before the frame was)."""
    with monkeypatch.context() as patch:
        patch.setattr(frame, "_key", lambda *args: None)
        response = (client or Client()).get(path, HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache")
    return response.content.decode()


def _content(in_site, committed, site_vn):
    with in_site(site_vn), committed():
        make_article(slug="framed", texts={"en": "Rice", "vi": "Gạo"})
        make_event(slug="framed-event", titles={"en": "Fair"})
        listing = make_listing(texts={"en": ("Cashew", "For export")})
    return listing


PAGES = [
    "/{lang}/",
    "/{lang}/news/",
    "/{lang}/news/framed/",
    "/{lang}/news/?page=99",  # the pager's "page does not exist" note
    "/{lang}/events/",
    "/{lang}/events/framed-event/",
    "/{lang}/opportunities/?type=supply",
    "/{lang}/opportunities/{listing}/",
    "/{lang}/enterprises/",
    "/{lang}/questions/",
    "/{lang}/search/?q=rice",
    "/{lang}/about/",
    "/{lang}/no-such-page/",
]


@pytest.mark.parametrize("lang", ["en", "vi", "zh-hans"])
def test_every_page_reads_as_rendered_whole(
    site_vn, site_id, in_site, committed, monkeypatch, lang
):
    listing = _content(in_site, committed, site_vn)
    for template in PAGES:
        path = template.format(lang=lang, listing=listing.pk)
        expected = untokened(whole(monkeypatch, path))
        client = Client()
        first = client.get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
        second = client.get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")

        assert untokened(first.content.decode()) == expected, path
        assert untokened(second.content.decode()) == expected, path
    assert frames(), "no frame was kept"


def test_the_other_site_keeps_its_own_frame(site_vn, site_id):
    vietnam, indonesia = (
        rendered("/en/news/"),
        Client().get("/en/news/", HTTP_HOST=ID, HTTP_CACHE_CONTROL="no-cache").content.decode(),
    )

    assert site_vn.name in vietnam and site_vn.name not in indonesia
    assert site_id.name in indonesia
    assert len({key.split(":")[1] for key in frames()}) == 2  # one per site's schema


def test_a_signed_in_member_gets_their_menu_never_the_kept_one(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        member = make_member()
    signed_in = Client()
    with in_site(site_vn), committed():
        signed_in.force_login(member.user)

    anonymous = rendered("/en/news/")
    theirs = rendered("/en/news/", signed_in)
    anonymous_again = rendered("/en/news/")

    assert "Sign out" in theirs and "My account" in theirs and "csrfmiddlewaretoken" in theirs
    assert "Sign in" not in theirs
    assert "Sign out" not in anonymous_again and "csrfmiddlewaretoken" not in anonymous_again
    assert untokened(anonymous) == untokened(anonymous_again)


def test_each_page_has_its_own_title_address_and_languages(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        make_article(slug="first-one", texts={"en": "First title"})
        make_article(slug="second-one", texts={"en": "Second title"})

    first, second = rendered("/en/news/first-one/"), rendered("/en/news/second-one/")

    assert "<title>First title" in first and "<title>Second title" in second
    assert 'rel="canonical" href="http://cn-vn.localhost/en/news/second-one/"' in second
    assert 'href="/vi/news/second-one/"' in second  # the language switcher's
    assert "First title" not in second


def test_a_change_of_the_site_shows_in_the_frame_at_once(site_vn, committed):
    before = rendered("/en/news/")
    assert "A new name for the site" not in before

    with committed():
        site = Site.objects.get(pk=site_vn.pk)
        site.name_en = "A new name for the site"
        site.save()

    after = rendered("/en/news/")
    assert '<span class="brand__name">A new name for the site</span>' in after


def test_an_archived_site_says_so_at_once(site_vn, committed):
    assert "has been archived" not in rendered("/en/")

    with committed():
        call_command("archive_site", "cn-vn", stdout=None)

    assert "This site has been archived" in rendered("/en/")


def test_a_page_with_its_own_masthead_is_rendered_whole(site_vn, committed):
    """A draft site's closed page replaces the navigation, outside every hole."""
    with committed():
        Site.objects.filter(pk=site_vn.pk).update(status=Site.Status.DRAFT, launched_on=None)

    page = Client().get("/en/news/", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")

    assert 'class="mainnav"' not in page.content.decode()
    assert not [key for key in frames() if "draft_closed" in key]


def test_the_hubs_sign_in_link_returns_to_each_page(site_vn):
    for path in ("/en/", "/en/events/", "/en/"):
        page = Client().get(path, HTTP_HOST="localhost", HTTP_CACHE_CONTROL="no-cache")
        assert page.status_code == 200, path
        assert f'href="/admin/login/?next={path}"' in page.content.decode()


def _engine():
    return engines["django"].engine


def _render(root_source: str, values: dict, monkeypatch, key=("test-frame", "en", 60)) -> str:
    root = _engine().from_string(root_source)
    monkeypatch.setattr(frame, "_key", lambda *args: key)
    monkeypatch.setattr(frame.translation, "get_language", lambda: "en")
    shape = frame.Shape(root.nodelist.get_nodes_by_type((BlockNode, *frame.WALKED_FOR)))
    context = Context(values)
    with context.render_context.push_state(root), context.bind_template(root):
        return frame.render_root(root, shape, context, BlockContext())


def test_what_is_around_the_holes_is_kept_and_the_holes_are_not(monkeypatch):
    source = "{% load frame %}<a>{{ kept }}</a>{% hole %}<b>{{ asked }}</b>{% endhole %}<c>"

    first = _render(source, {"kept": "one", "asked": "x"}, monkeypatch)
    second = _render(source, {"kept": "two", "asked": "y"}, monkeypatch)

    assert first == "<a>one</a><b>x</b><c>"
    assert second == "<a>one</a><b>y</b><c>"  # kept around, asked anew


def test_a_nul_in_the_content_is_rendered_whole_and_nothing_kept(monkeypatch):
    source = "{% load frame %}<a>{{ kept }}</a>{% hole %}{{ asked }}{% endhole %}"

    page = _render(source, {"kept": "odd\x00name", "asked": "x"}, monkeypatch)

    assert page == "<a>odd\x00name</a>x"
    assert "test-frame" not in kept_fragments


def test_a_hole_in_a_loop_is_rendered_whole(monkeypatch):
    source = "{% load frame %}{% for n in numbers %}{% hole %}{{ n }}{% endhole %}{% endfor %}!"

    assert _render(source, {"numbers": [1, 2]}, monkeypatch) == "12!"
    assert "test-frame" not in kept_fragments


def test_another_languages_frame_is_never_kept_under_this_one(monkeypatch):
    source = "{% load frame %}<a>{{ kept }}</a>{% hole %}{% endhole %}"

    _render(source, {"kept": "one"}, monkeypatch, key=("test-frame", "vi", 60))

    assert "test-frame" not in kept_fragments


def test_a_hole_inside_a_kept_fragment_is_refused(monkeypatch):
    source = '{% load frame fragments %}{% fragment "x" %}{% hole %}{% endhole %}{% endfragment %}'

    with pytest.raises(TemplateSyntaxError):
        _render(source, {}, monkeypatch)


def test_each_address_name_keeps_its_own_frame(site_vn):
    """One template, three names (about, privacy, accessibility): the menu
    marks the page it is on, so each name has a frame of its own."""
    for path in ("/en/about/", "/en/privacy/", "/en/about/"):
        rendered(path)

    assert len([key for key in frames() if "site_page" in key]) == 2
