"""The page frame kept rendered around its holes (web/templatetags/frame.py):
every page reads as it does rendered whole, for every reader; what the
frame shows follows each write at once; a reader's own parts never travel.

Pages are asked for with ``Cache-Control: no-cache``: only kept parts could be stale.
"""

import re

import pytest
from django.core.management import call_command
from django.template import Context, engines
from django.template.loader_tags import BlockContext, BlockNode
from django.test import Client, RequestFactory
from django.utils import translation

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
    "/{lang}/account/login/",
    "/{lang}/account/signup/",
    "/{lang}/account/password/",
    "/{lang}/no-such-page/",
]
HUB_PAGES = [
    "/{lang}/",
    "/{lang}/events/",
    "/{lang}/sites/",
    "/{lang}/search/?q=rice",
    "/{lang}/nope/",
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


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_every_hub_page_reads_as_rendered_whole(site_vn, site_id, monkeypatch, lang):
    for template in HUB_PAGES:
        path = template.format(lang=lang)
        expected = untokened(whole(monkeypatch, path, host="localhost"))
        for _ in range(2):
            page = Client().get(path, HTTP_HOST="localhost", HTTP_CACHE_CONTROL="no-cache")
            assert untokened(page.content.decode()) == expected, path
    assert [key for key in frames() if key.startswith("fragment:public:")]


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


def test_a_page_with_its_own_masthead_is_rendered_whole(site_vn, committed, monkeypatch):
    """A draft site's closed page replaces the navigation, outside every hole."""
    with committed():
        Site.objects.filter(pk=site_vn.pk).update(status=Site.Status.DRAFT, launched_on=None)

    page = Client().get("/en/news/", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")

    assert 'class="mainnav"' not in page.content.decode()
    assert not [key for key in frames() if "draft_closed" in key]
    for path in ("/en/account/login/", "/en/news/"):  # what a draft site opens, and not
        expected = untokened(whole(monkeypatch, path))
        for _ in range(2):
            again = Client().get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
            assert untokened(again.content.decode()) == expected, path


def test_the_hubs_sign_in_link_returns_to_each_page(site_vn):
    for path in ("/en/", "/en/events/", "/en/"):
        page = Client().get(path, HTTP_HOST="localhost", HTTP_CACHE_CONTROL="no-cache")
        assert page.status_code == 200, path
        assert f'href="/admin/login/?next={path}"' in page.content.decode()


def _engine():
    return engines["django"].engine


#: (key, the scope's prefix, the moment to keep until: never), as frame._key
#: gives them: an English frame.
KEY = ("test-frame:en:UTC:frame:", "test-frame", float("inf"))


def _render(root_source: str, values: dict, monkeypatch, key=KEY) -> str:
    root = _engine().from_string(root_source)
    monkeypatch.setattr(frame, "_key", lambda *args: key)
    shape = frame.Shape(
        root.nodelist, root.nodelist.get_nodes_by_type((BlockNode, *frame.WALKED_FOR))
    )
    context = Context({"request": RequestFactory().get("/"), **values})
    with (
        translation.override("en"),
        context.render_context.push_state(root),
        context.bind_template(root),
    ):
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
    assert not [key for key in kept_fragments if key.startswith("test-frame")]


@pytest.mark.parametrize(
    "around, after",
    [
        ("{% for n in numbers %}", "{% endfor %}"),
        ("{% with n=2 %}", "{% endwith %}"),
        ("{% filter upper %}", "{% endfilter %}"),
        ("{% spaceless %}", "{% endspaceless %}"),
        ("{% autoescape off %}", "{% endautoescape %}"),
        ("{% language 'vi' %}", "{% endlanguage %}"),
        ('{% fragment "x" %}', "{% endfragment %}"),
    ],
)
def test_a_hole_inside_another_tag_keeps_no_frame(monkeypatch, around, after):
    """Rendered on its own, such a hole would lose the loop's or the with's
    variable, the filter, the language or the escaping around it (or be kept
    with its marker inside a fragment)."""
    source = (
        "{% load frame fragments i18n %}<a>{{ kept }}</a>"
        + around
        + " <b>{% hole %}{{ n }}{{ tag }}{% endhole %}</b> "
        + after
    )
    values = {"numbers": [1, 2], "tag": "<i>", "kept": "one"}
    whole = _engine().from_string(source).render(Context(values))

    assert _render(source, values, monkeypatch) == whole
    assert _render(source, {**values, "kept": "two"}, monkeypatch) != whole  # not kept
    assert not [key for key in kept_fragments if key.startswith("test-frame")]


def test_another_languages_frame_is_never_kept_under_this_one(monkeypatch):
    source = "{% load frame %}<a>{{ kept }}</a>{% hole %}{% endhole %}"

    _render(
        source,
        {"kept": "one"},
        monkeypatch,
        key=("test-frame:vi:UTC:frame:", "test-frame", float("inf")),
    )

    assert not [key for key in kept_fragments if key.startswith("test-frame")]


def test_base_html_keeps_its_frame():
    root = _engine().get_template("base.html")
    shape = frame.Shape(root.nodelist, root.nodelist.get_nodes_by_type(frame.WALKED_FOR))

    assert frame.holes_in_place(root.nodelist) and len(shape.holes) >= 8


def test_each_address_name_keeps_its_own_frame(site_vn):
    """One template, three names (about, privacy, accessibility): the menu
    marks the page it is on, so each name has a frame of its own."""
    for path in ("/en/about/", "/en/privacy/", "/en/about/"):
        rendered(path)

    assert len([key for key in frames() if "site_page" in key]) == 2


#: What base.html may read outside its holes: the frame is kept per site (its
#: generations), language and anonymous reader, and per template and URL name.
FRAME_READS = {
    "current_language.code",
    "current_language.direction",
    "site",
    "site.contact_email",
    "site.is_archived",
    "site.is_draft",
    "site_texts.contact_details",
    "site_texts.name",
    "site_texts.tagline",
    "user.is_authenticated",  # anonymous only: a signed-in reader gets no kept frame
    "user.is_staff",
    "perms.coordination.coordinate",  # an anonymous reader has none
    "perms.tenants.add_site",
    "perms.tenants.change_site",
    "request.resolver_match.url_name",
}
#: Tags that read the context themselves, outside the holes, and what they read.
FRAME_TAGS = {
    "branding_url": "the request's site (its branding version)",
    "fragment": "the request's fragment scope and the language, as the frame's key",
}


def _reads(value, names: set[str]) -> None:
    from django.template.base import FilterExpression, Variable
    from django.template.defaulttags import TemplateLiteral

    if isinstance(value, FilterExpression):
        _reads(value.var, names)
        for _filter, arguments in value.filters:
            for _is_lookup, argument in arguments:
                _reads(argument, names)
    elif isinstance(value, Variable) and value.lookups:
        names.add(".".join(value.lookups))
    elif isinstance(value, TemplateLiteral):
        _reads(value.value, names)
    elif isinstance(value, list | tuple):
        for item in value:
            _reads(item, names)
    elif isinstance(value, dict):
        for item in value.values():
            _reads(item, names)
    elif hasattr(value, "first"):  # an operator of {% if %}
        _reads(value.first, names)
        _reads(getattr(value, "second", None), names)


def _outside_holes(nodelist, names: set[str], tags: set[str]) -> None:
    from django.template.defaulttags import IfNode
    from django.template.library import SimpleNode

    for node in nodelist:
        if isinstance(node, frame.HoleNode):
            continue
        if isinstance(node, IfNode):
            for condition, _nodes in node.conditions_nodelists:
                _reads(condition, names)
        for name, value in vars(node).items():
            if name not in ("nodelist", "conditions_nodelists", "origin", "token"):
                _reads(value, names)
        if isinstance(node, SimpleNode) and node.takes_context:
            tags.add(node.func.__name__)
        if type(node).__name__ == "FragmentNode":
            tags.add("fragment")
        for name in node.child_nodelists:
            _outside_holes(getattr(node, name, None) or (), names, tags)


def test_the_frame_reads_only_what_its_key_covers():
    """Outside its holes base.html reads only the site, the language and the
    anonymous reader's state: a variable a view sets (a pager, a feed, the
    address) read there would be kept from the first page for every page."""
    names, tags = set(), set()
    _outside_holes(_engine().get_template("base.html").nodelist, names, tags)

    assert names <= FRAME_READS, names - FRAME_READS
    assert tags <= FRAME_TAGS.keys(), tags - FRAME_TAGS.keys()
    assert "site_texts.name" in names and "branding_url" in tags  # the walk sees them


def test_a_token_outside_the_holes_is_never_kept(monkeypatch, rf):
    """A form for anonymous readers in the frame would carry the first
    visitor's CSRF token to every other: such a frame is rendered whole."""
    from django.middleware.csrf import get_token

    source = "{% load frame %}<form>{% csrf_token %}</form>{% hole %}{{ n }}{% endhole %}"
    tokens = []
    for n in (1, 2):
        request = rf.get("/")
        values = {"request": request, "csrf_token": get_token(request), "n": n}
        page = _render(source, values, monkeypatch)
        tokens.append(re.search(r'value="([^"]+)"', page)[1])
        assert page.endswith(f"</form>{n}")

    assert tokens[0] != tokens[1]
    assert not [key for key in kept_fragments if key.startswith("test-frame")]
