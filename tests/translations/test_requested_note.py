"""The fallback note says whether a translation was requested from ids kept
per site, model and language (translations/templatetags/translated.py): one
query for all of a site's pages until the site changes, never another
site's answer."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.articles import make_article
from translations.models import TranslationTask
from translations.services import tasks

VN, ID = "cn-vn.localhost", "cn-id.localhost"
ASK, ASKED = "Ask for a translation into English", "A translation into English has been requested."


def note(path: str, host: str = VN) -> tuple[str, int]:
    """What the page's note says (ASK or ASKED), and its task queries."""
    with CaptureQueriesContext(connection) as queries:
        page = Client().get(path, HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache")
    assert page.status_code == 200, path
    text = page.content.decode()
    said = ASKED if ASKED in text else ASK if ASK in text else ""
    return said, sum(TranslationTask._meta.db_table in q["sql"] for q in queries)


def test_requested_translations_are_read_once_per_change_and_per_site(
    site_vn, site_id, in_site, django_capture_on_commit_callbacks
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        asked = make_article(pk=900001, slug="asked-2031", texts={"zh-hans": "已请求"})
        other = make_article(pk=900002, slug="other-2031", texts={"zh-hans": "未请求"})
        TranslationTask.objects.filter(object_id__in=[asked.pk, other.pk]).delete()
        tasks.ask(asked, "en", requester="reader-1", site=site_vn)
    with in_site(site_id), django_capture_on_commit_callbacks(execute=True):
        # The same id on another site, with nothing requested there.
        make_article(pk=900001, slug="elsewhere-2031", texts={"zh-hans": "别处"})
        TranslationTask.objects.filter(object_id=900001).delete()

    assert note("/en/news/asked-2031/") == (ASKED, 1)
    assert note("/en/news/other-2031/") == (ASK, 0)  # the site's ids, read above
    assert note("/en/news/asked-2031/") == (ASKED, 0)
    assert note("/en/news/elsewhere-2031/", ID) == (ASK, 1)

    # A reader asks: the site has changed, the note says so at once.
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        tasks.ask(other, "en", requester="reader-2", site=site_vn)
    assert note("/en/news/other-2031/") == (ASKED, 1)
    assert note("/en/news/elsewhere-2031/", ID) == (ASK, 0)
