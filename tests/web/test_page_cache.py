"""The page cache: what it stores, for whom, and that every write path drops it.

Each test runs in a transaction that is never committed; a write made there
moves generations only when its commit callbacks run, which
``committed()`` (django_capture_on_commit_callbacks(execute=True)) does, as a
real commit would. Without it the writer's connection bypasses the cache
(it sees uncommitted rows), which tests below check too.
"""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cooperation.models import Article, Opportunity
from cooperation.services.opportunities import moderate
from events.services.registration import register
from tenants.generations import current
from tests.factories.accounts import make_member, make_staff
from tests.factories.articles import make_article
from tests.factories.events import make_event

VN = "cn-vn.localhost"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def visit(path: str, host: str = VN, client: Client | None = None):
    response = (client or Client()).get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return response


def test_a_second_anonymous_visit_is_served_from_the_cache(db):
    first, second = visit("/en/news/"), visit("/en/news/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # What the outer middleware adds still comes with the stored copy.
    assert second["Content-Language"] == "en"
    assert "Content-Security-Policy" in second
    assert "Cookie" in second["Vary"]


def test_sites_languages_and_queries_have_their_own_entries(db):
    vietnam, indonesia = visit("/en/"), visit("/en/", host="cn-id.localhost")
    chinese = visit("/zh-hans/")
    visit("/en/opportunities/?type=supply&sector=A")
    reordered = visit("/en/opportunities/?sector=A&type=supply")

    assert indonesia["X-Page-Cache"] == chinese["X-Page-Cache"] == "miss"
    assert "China–Indonesia" in indonesia.content.decode()
    assert "China–Indonesia" not in vietnam.content.decode()
    assert reordered["X-Page-Cache"] == "hit"


def test_signed_in_people_never_get_or_leave_a_stored_copy(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        member = make_member()
    signed_in = Client()
    with in_site(site_vn), committed():  # signing in writes (the last login)
        # force_login: django-axes wants the request that Client.login() does not pass.
        signed_in.force_login(member.user)
    visit("/en/enterprises/")  # stored for anonymous visitors

    theirs = visit("/en/enterprises/", client=signed_in)
    anonymous = visit("/en/enterprises/")

    assert theirs["X-Page-Cache"] == "bypass"
    assert member.user.email not in anonymous.content.decode()
    assert anonymous["X-Page-Cache"] == "hit"


def test_a_pending_message_is_shown_not_a_stored_page(db):
    visit("/en/questions/")
    client = Client()
    client.cookies["messages"] = "anything"

    assert visit("/en/questions/", client=client)["X-Page-Cache"] == "bypass"


def test_each_visitor_of_a_stored_form_gets_a_token_that_works_for_them(db):
    first_visitor, second_visitor = (Client(enforce_csrf_checks=True) for _ in range(2))
    first = visit("/en/questions/ask/", client=first_visitor)
    second = visit("/en/questions/ask/", client=second_visitor)
    first_token = TOKEN.search(first.content.decode()).group(1)
    second_token = TOKEN.search(second.content.decode()).group(1)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first_token != second_token
    assert second_visitor.cookies["csrftoken"].value != first_visitor.cookies["csrftoken"].value
    # The second visitor's post passes the CSRF check (the form then speaks
    # for itself: a 400 with the missing fields, not Django's 403).
    post = second_visitor.post(
        "/en/questions/ask/", {"csrfmiddlewaretoken": second_token}, HTTP_HOST=VN
    )
    stolen = second_visitor.post(
        "/en/questions/ask/", {"csrfmiddlewaretoken": first_token}, HTTP_HOST=VN
    )
    assert post.status_code == 400
    assert stolen.status_code == 403


def test_a_forced_reload_renders_afresh(db):
    visit("/en/news/")

    reloaded = Client().get("/en/news/", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")

    assert reloaded["X-Page-Cache"] == "miss"


def test_the_writers_own_connection_bypasses_the_cache_until_commit(site_vn, in_site):
    visit("/en/news/")
    with in_site(site_vn):
        make_article(slug="uncommitted", texts={"en": "Seen by its writer"})

    page = visit("/en/news/")

    assert page["X-Page-Cache"] == "bypass"
    assert "Seen by its writer" in page.content.decode()


# --- Every write path drops what it changes -------------------------------------


def test_an_edit_in_the_admin(client, site_vn, in_site, committed):
    with in_site(site_vn), committed():
        article = make_article(
            slug="edited", texts={"en": "Before the edit", "zh-hans": "编辑之前"}
        )
        editor = make_staff("editor")
    visit("/en/news/edited/")
    assert visit("/en/news/edited/")["X-Page-Cache"] == "hit"
    with committed():
        client.force_login(editor)
    change = client.get(f"/admin/cooperation/article/{article.pk}/change/", HTTP_HOST=VN)
    form = change.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "title_en": "After the edit",
            "tags": [],
            "unpublished_languages": [],
            "published_at_0": timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
            "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
            "attachments-TOTAL_FORMS": 0,
            "attachments-INITIAL_FORMS": 0,
        }
    )
    with committed():
        saved = client.post(f"/admin/cooperation/article/{article.pk}/change/", data, HTTP_HOST=VN)
    assert saved.status_code == 302, saved.context and saved.context["adminform"].form.errors

    page = visit("/en/news/edited/")

    assert page["X-Page-Cache"] == "miss"
    assert "After the edit" in page.content.decode()


def test_approving_a_listing(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        listing = Opportunity.objects.create(
            kind="supply", title_en="Pitaya test lot 7781", description_en="Fresh.",
            sector="A", country="VN", valid_until=timezone.localdate() + datetime.timedelta(days=30),
            company="Binh Thuan Fruit", contact_name="An", contact_email="an@example.org", language="en",
        )  # fmt: skip
    assert "Pitaya test lot 7781" not in visit("/en/opportunities/").content.decode()
    with in_site(site_vn), committed():
        moderate(listing, approve=True)

    page = visit("/en/opportunities/")

    assert page["X-Page-Cache"] == "miss"
    assert "Pitaya test lot 7781" in page.content.decode()


def test_an_update_outside_any_request(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        make_article(slug="renamed", texts={"en": "Old name"})
    visit("/en/news/")
    before = current(site_vn.schema_name)
    with in_site(site_vn), committed():
        Article.objects.filter(slug="renamed").update(title_en="New name")

    assert current(site_vn.schema_name)[0] != before[0]
    assert "New name" in visit("/en/news/").content.decode()


def test_an_article_published_at_a_set_time_appears_then(site_vn, in_site, committed):
    later = timezone.now() + datetime.timedelta(hours=3)
    with in_site(site_vn), committed():
        make_article(slug="scheduled", texts={"en": "Scheduled news"}, published_at=later)
    assert "Scheduled news" not in visit("/en/news/").content.decode()
    assert visit("/en/news/")["X-Page-Cache"] == "hit"

    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        page = visit("/en/news/")

    assert "Scheduled news" in page.content.decode()


def test_an_event_becomes_past_when_it_ends(site_vn, in_site, committed):
    ends = timezone.now() + datetime.timedelta(hours=2)
    with in_site(site_vn), committed():
        make_event(
            slug="soon-over",
            titles={"en": "Ending soon"},
            starts=ends - datetime.timedelta(hours=1),
            ends_at=ends,
        )
    assert "Ending soon" in visit("/en/events/").content.decode()

    with time_machine.travel(ends + datetime.timedelta(minutes=1)):
        page = visit("/en/events/")

    assert "Ending soon" not in page.content.decode()


def test_a_changed_translation(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        article = make_article(slug="translated", texts={"en": "English title"})
    assert "English title" in visit("/vi/news/translated/").content.decode()  # the fallback
    with in_site(site_vn), committed():
        article.title_vi = "Tiêu đề tiếng Việt"
        article.save()

    assert "Tiêu đề tiếng Việt" in visit("/vi/news/translated/").content.decode()


def test_a_registration_changes_the_places_left(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        event = make_event(slug="small-forum", titles={"en": "Small forum"}, capacity=5)
    assert "Places left: 5" in visit("/en/events/small-forum/").content.decode()
    with in_site(site_vn), committed():
        register(event=event, name="An", email="an@example.org", language="en")

    assert "Places left: 4" in visit("/en/events/small-forum/").content.decode()


def test_a_registration_through_the_form(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        make_event(slug="form-forum", titles={"en": "Form forum"}, capacity=5)
    visitor = Client()
    visit("/en/events/form-forum/", client=visitor)
    with committed():
        posted = visitor.post(
            "/en/events/form-forum/",
            {"name": "An", "email": "an@example.org", "country": "VN"},
            HTTP_HOST=VN,
        )
    assert posted.status_code == 302

    assert "Places left: 4" in visit("/en/events/form-forum/").content.decode()


def test_archiving_a_site(site_vn, committed):
    assert "notice--archived" not in visit("/en/").content.decode()
    with committed():
        call_command("archive_site", "cn-vn", stdout=None)

    assert "notice--archived" in visit("/en/").content.decode()


def test_adding_a_language(site_vn, committed):
    assert visit("/en/").content.decode().count('hreflang="ko"') == 0
    with committed():
        site_vn.languages = [*site_vn.languages, "ko"]
        site_vn.save()

    assert 'hreflang="ko"' in visit("/en/").content.decode()


def test_clear_page_cache_drops_every_stored_page(db, capsys):
    visit("/en/news/")

    call_command("clear_page_cache")

    assert visit("/en/news/")["X-Page-Cache"] == "miss"
    assert "dropped" in capsys.readouterr().out


def test_clear_page_cache_names_an_unknown_site(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no site with code 'xx-yy'"):
        call_command("clear_page_cache", site="xx-yy")


@pytest.mark.parametrize(
    "query",
    [
        "?q=%00",
        "?q=" + "x" * 5000,
        "?type=supply&type=demand",
        "?q=%F0%9F%98%80%ED%A0%80",
        "?q=a%26b",
    ],
)
def test_odd_addresses_get_a_page_never_an_error_nor_another_pages_copy(db, query):
    first = Client().get(f"/en/opportunities/{query}", HTTP_HOST=VN)
    again = Client().get(f"/en/opportunities/{query}", HTTP_HOST=VN)
    plain = visit("/en/opportunities/")

    # A NUL is refused before any page (web.security): a 400, never stored.
    expected = 400 if "%00" in query else 200
    assert first.status_code == again.status_code == expected
    assert again.content == first.content
    if len(query) > 2000:
        assert again["X-Page-Cache"] == "bypass"
    assert plain["X-Page-Cache"] == "miss"  # not served the odd address's copy


def test_another_sites_host_never_gets_this_sites_copy(db):
    visit("/en/news/")

    other = visit("/en/news/", host="cn-id.localhost")

    assert other["X-Page-Cache"] == "miss"
    assert "China–Indonesia" in other.content.decode()


def test_without_a_writable_generations_folder_pages_are_served_not_stored(
    settings, tmp_path, site_vn, in_site, committed
):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.GENERATIONS_DIR = str(blocker / "generations")  # cannot be created

    first, second = visit("/en/news/"), visit("/en/news/")
    with in_site(site_vn), committed():
        make_article(slug="still-saved", texts={"en": "Still saved"})

    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "bypass"
    assert "Still saved" in visit("/en/news/").content.decode()


def test_a_stored_page_keeps_what_the_inner_middleware_added(db):
    first, second = visit("/en/news/"), visit("/en/news/")

    assert second["X-Page-Cache"] == "hit"
    assert second["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"
    assert int(second["Content-Length"]) == len(second.content)
    assert "Set-Cookie" not in second


def test_a_returning_visitor_of_a_stored_form_keeps_their_csrf_cookie(db):
    visit("/en/questions/ask/")  # stored
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/en/questions/ask/", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
    cookie = visitor.cookies["csrftoken"].value

    again = visit("/en/questions/ask/", client=visitor)
    token = TOKEN.search(again.content.decode()).group(1)
    post = visitor.post("/en/questions/ask/", {"csrfmiddlewaretoken": token}, HTTP_HOST=VN)

    assert again["X-Page-Cache"] == "hit"
    assert visitor.cookies["csrftoken"].value == cookie
    assert post.status_code == 400  # past the CSRF check, to the form's own errors


def test_a_stored_page_sets_the_language_cookie_as_a_rendered_one_would(db):
    visit("/vi/news/")  # stored
    newcomer, returning = Client(), Client()
    returning.cookies["django_language"] = "vi"

    first = visit("/vi/news/", client=newcomer)
    again = visit("/vi/news/", client=returning)

    assert first["X-Page-Cache"] == again["X-Page-Cache"] == "hit"
    assert first.cookies["django_language"].value == "vi"
    assert "django_language" not in again.cookies
    assert first["Content-Language"] == "vi"
    assert first["X-Content-Type-Options"] == "nosniff"


def test_pages_without_a_language_prefix_are_stored_per_negotiated_language(db):
    def robots(accept: str):
        return Client().get("/robots.txt", HTTP_HOST=VN, HTTP_ACCEPT_LANGUAGE=accept)

    robots("vi")
    vietnamese, english = robots("vi"), robots("en")

    assert vietnamese["X-Page-Cache"] == "hit"
    assert english["X-Page-Cache"] == "miss"


def test_a_language_the_site_does_not_offer_is_a_404_never_a_stored_page(db):
    response = Client().get("/id/news/", HTTP_HOST=VN)

    assert response.status_code == 404
    assert response.get("X-Page-Cache") != "hit"


# --- What a stored copy skips (the layers inside the page cache) -------------------


def test_a_stored_page_over_https_carries_every_header_of_a_rendered_one(db, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    rendered = Client().get("/en/news/", HTTP_HOST=VN, secure=True)
    stored = Client().get("/en/news/", HTTP_HOST=VN, secure=True)

    assert stored["X-Page-Cache"] == "hit"
    per_response = {"X-Request-ID", "X-Page-Cache", "Content-Length"}
    assert {k: v for k, v in stored.items() if k not in per_response} == {
        k: v for k, v in rendered.items() if k not in per_response
    }
    assert stored["Strict-Transport-Security"] == "max-age=3600"
    assert (
        stored.cookies["django_language"].output() == rendered.cookies["django_language"].output()
    )


def test_a_stored_page_is_never_served_over_http_when_https_is_required(db, settings):
    # Stored over http before https was required (a shared cache outlives a restart).
    visit("/en/news/")
    settings.SECURE_SSL_REDIRECT = True

    over_http = Client().get("/en/news/", HTTP_HOST=VN)

    assert over_http.status_code == 301
    assert over_http["Location"] == f"https://{VN}/en/news/"


def test_the_request_guard_still_refuses_what_it_refuses_when_a_copy_is_stored(db, settings):
    from web.devkey import DEVELOPMENT_SECRET_KEY

    visit("/vi/news/")  # stored
    poisoned = Client()
    poisoned.cookies["django_language"] = "vi\x00"
    settings.SECRET_KEY = DEVELOPMENT_SECRET_KEY

    cookie = poisoned.get("/vi/news/", HTTP_HOST=VN)
    remote = Client().get("/vi/news/", HTTP_HOST=VN, REMOTE_ADDR="203.0.113.7")
    local = Client().get("/vi/news/", HTTP_HOST=VN)

    assert cookie.status_code == remote.status_code == 400
    assert "Yêu cầu không hợp lệ" in remote.content.decode()
    assert local.status_code == 200


def test_parameters_named_alike_only_once_decoded_keep_their_own_copies(db):
    # The view reads the last "type": demand for the first address, supply for the second.
    first = Client().get("/en/opportunities/?type=supply&%74ype=demand", HTTP_HOST=VN)
    second = Client().get("/en/opportunities/?%74ype=demand&type=supply", HTTP_HOST=VN)
    same_as_first = Client().get("/en/opportunities/?type=supply&t%79pe=demand", HTTP_HOST=VN)

    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "miss"
    assert same_as_first["X-Page-Cache"] == "hit"


def test_a_stored_page_outlives_the_fragments_of_many_other_pages(db):
    # Each list page keeps a fragment per item: they must not push stored pages out.
    visit("/en/")
    for host in (VN, "cn-id.localhost"):
        for language in ("en", "zh-hans"):
            for path in ("news/", "opportunities/", "enterprises/", "events/", "questions/"):
                visit(f"/{language}/{path}", host=host)

    assert visit("/en/")["X-Page-Cache"] == "hit"


def test_a_stored_page_is_cut_around_every_token_of_the_visitor_and_only_those():
    """The tokens a rendered page is cut around: each run of exactly 64
    letters and digits that unmasks to the visitor's secret, wherever it
    stands (first, last, in an attribute, beside another token's run), and
    no run that is longer, nor another secret's token; a page with the
    visitor's token inside a longer run is not stored."""
    from django.http import HttpRequest, HttpResponse

    from web.csrf_tokens import masked as _masked
    from web.csrf_tokens import random_chars as _random_chars
    from web.page_cache import _without_tokens

    secret, other = _random_chars(32), _random_chars(32)
    mine = [_masked(secret).encode() for _ in range(4)]
    theirs = _masked(other).encode()
    content = b"".join([
        mine[0], b'<input value="', mine[1], b'">\xc3\xa0', b"x" + theirs, b" ", theirs,
        b"-", mine[2], b"-", theirs + b"0", b" ", mine[3],
    ])  # fmt: skip
    request = HttpRequest()
    request.META.update(CSRF_COOKIE=secret, CSRF_COOKIE_NEEDS_UPDATE=True)

    parts = _without_tokens(request, HttpResponse(), content)

    assert parts == [
        b"", b'<input value="', b'">\xc3\xa0x' + theirs + b" " + theirs + b"-", b"-" + theirs + b"0 ", b"",
    ]  # fmt: skip
    # The secret itself on the page, or a token of it touching a letter or
    # digit on either side, or no secret to look for: not stored.
    assert _without_tokens(request, HttpResponse(), content + secret.encode()) is None
    for glued in (b"x" + mine[2], b"%3D" + mine[2], mine[2] + b"0", b"ab" + mine[2] + b"cd"):
        assert _without_tokens(request, HttpResponse(), content + b" " + glued) is None
    request.META["CSRF_COOKIE"] = secret[:31]
    assert _without_tokens(request, HttpResponse(), content) is None


def test_long_words_on_a_page_with_a_form_are_checked_up_to_a_bound_never_for_seconds():
    """A visitor may choose a secret whose first pair matches everywhere in a
    long run of one letter (an editor's long word): every position would be
    unmasked. Long runs beyond LONG_RUNS_CHECKED characters in all: the page
    is served, not stored; within it, still checked and cut."""
    from django.http import HttpRequest, HttpResponse

    from web.csrf_tokens import masked as _masked
    from web.page_cache import LONG_RUNS_CHECKED, _without_tokens

    secret = "a" + "b" * 31  # its first pair matches at every position of "aaaa…"
    request = HttpRequest()
    request.META.update(CSRF_COOKIE=secret, CSRF_COOKIE_NEEDS_UPDATE=True)
    token = _masked(secret).encode()
    word = b"a" * (LONG_RUNS_CHECKED // 2)

    assert _without_tokens(request, HttpResponse(), word + b" " + token) == [word + b" ", b""]
    assert _without_tokens(request, HttpResponse(), word + b" " + word + b"x " + token) is None
    assert _without_tokens(request, HttpResponse(), b"a" * 200_000 + b" " + token) is None


@pytest.mark.parametrize("before", ["letter", "escaped"])
def test_a_page_with_a_token_touching_letters_or_digits_is_served_never_stored(
    db, settings, before
):
    settings.ROOT_URLCONF = "tests.web.urls_glued_token"
    assert visit("/spaced/")["X-Page-Cache"] == "miss"
    assert visit("/spaced/")["X-Page-Cache"] == "hit"  # its token is cut: stored

    first, second = visit(f"/glued/{before}/"), visit(f"/glued/{before}/")

    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "miss"
    # Each visitor's own tokens, rendered: none of the first one's in the second.
    token = re.search(r'value="(\w{64})"', first.content.decode()).group(1)
    assert token not in second.content.decode()


def test_fragments_rendered_after_the_views_own_write_are_keyed_on_its_generation(
    site_vn, in_site, committed
):
    """The generations are read once a request, before the view (review,
    session 23): a GET view that writes and commits must not then read the
    fragments kept from before its write."""
    from django.test import RequestFactory

    from tenants.services.site_lookup import site_for_host
    from web.page_cache import _generations, fragment_scope

    site_for_host(VN)  # the process now knows which site the host serves
    request = RequestFactory().get("/en/news/", HTTP_HOST=VN)
    request.tenant = site_for_host(VN)
    schema = site_vn.schema_name
    before = _generations(request, schema)  # as the page cache reads them

    with in_site(site_vn), committed():
        make_article(slug="written-by-the-view", texts={"en": "Written by the view"})

    now = current(schema)
    assert now != before
    with in_site(site_vn):  # as the page renders, in its site's schema
        assert fragment_scope(request)[0] == f"fragment:{schema}:{now[0]}:{now[1]}"
