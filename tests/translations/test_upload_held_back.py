"""A translation uploaded as a file (PO or XLIFF, one item or a batch) is
held back as one saved side by side is: readers of the new language keep
the fallback until someone marks it checked, on the item's page.

China–Vietnam writes in Chinese (zh-hans); its languages are vi and en too.
"""

import io
import zipfile

import pytest
from babel.messages.pofile import read_po, write_po
from django.core.files.uploadedfile import SimpleUploadedFile

from cooperation.models import Article
from tests.factories.articles import make_article
from translations.services import xliff
from translations.services.translation_exchange import export_xliff, import_catalog

VN = {"HTTP_HOST": "cn-vn.localhost"}
UPLOAD = "/vi/editor/translations/upload/"


@pytest.fixture
def articles(site_vn, in_site) -> list[Article]:
    """Two published articles written in Chinese only."""
    with in_site(site_vn):
        first = make_article(slug="held-2031", texts={"zh-hans": "海关新规"})
        second = make_article(slug="held-2032", texts={"zh-hans": "边贸展会"})
        for article in (first, second):
            article.summary_zh_hans = "明年生效。"
            article.save()
    return [first, second]


def filled_po(data: bytes, language: str, prefix: str) -> bytes:
    """What a translator's PO editor does: a translation for every entry, not fuzzy."""
    catalog = read_po(io.BytesIO(data), locale=language.replace("-", "_"))
    for message in catalog:
        if message.id:
            message.string = prefix + message.id
            message.flags.discard("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    return buffer.getvalue()


def filled_xliff(data: bytes, prefix: str) -> bytes:
    read = xliff.read(data)
    return xliff.write(
        entries=[
            xliff.Unit(id=u.id, source=u.source, target=prefix + u.source, confirmed=True,
                       notes=u.notes)
            for u in read.units
        ],
        source_language=read.source_language,
        target_language=read.target_language,
        original="cat-tool",
    )  # fmt: skip


def download(client, articles, kind: str) -> bytes:
    items = "".join(f"&item=cooperation.article:{a.pk}" for a in articles)
    response = client.get(
        f"/vi/editor/translations/download/?language=vi&format={kind}{items}", **VN
    )
    assert response.status_code == 200
    return response.content


def upload(client, data: bytes, name: str):
    file = SimpleUploadedFile(name, data)
    return client.post(UPLOAD, {"language": "vi", "file": file}, follow=True, **VN)


def readers_see(client, slug: str) -> str:
    client.logout()
    return client.get(f"/vi/news/{slug}/", **VN).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["po", "xliff"])
def test_an_uploaded_item_waits_until_marked_checked(
    client, site_vn, in_site, articles, editor, kind
):
    article = articles[0]
    data = download(client, [article], kind)
    filled = filled_po(data, "vi", "VI ") if kind == "po" else filled_xliff(data, "VI ")

    page = upload(client, filled, f"vi.{'po' if kind == 'po' else 'xlf'}").content.decode()

    with in_site(site_vn):
        article.refresh_from_db()
    assert article.title_vi == "VI 海关新规"
    assert article.unpublished_languages == ["vi"]
    assert "được đánh dấu là đã kiểm tra" in page  # the upload says why readers don't see it
    assert "VI 海关新规" not in readers_see(client, "held-2031")

    client.force_login(editor)
    released = client.post(
        f"/vi/editor/translations/cooperation.article/{article.pk}/vi/", {"action": "release"},
        **VN,
    )  # fmt: skip
    assert released.status_code == 302
    assert "VI 海关新规" in readers_see(client, "held-2031")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["po", "xliff"])
def test_a_batch_upload_holds_back_each_new_item(client, site_vn, in_site, articles, editor, kind):
    data = download(client, articles, kind)
    filled = filled_po(data, "vi", "VI ") if kind == "po" else filled_xliff(data, "VI ")

    upload(client, filled, f"vi.{'po' if kind == 'po' else 'xlf'}")

    with in_site(site_vn):
        held = {
            a.slug: (a.title_vi, a.unpublished_languages)
            for a in Article.objects.filter(slug__startswith="held-")
        }
    assert held == {
        "held-2031": ("VI 海关新规", ["vi"]),
        "held-2032": ("VI 边贸展会", ["vi"]),
    }
    assert "VI 边贸展会" not in readers_see(client, "held-2032")


@pytest.mark.django_db
def test_a_zip_batch_holds_back_too(client, site_vn, in_site, articles, editor):
    data = download(client, articles, "xliff")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("vi/articles.xlf", filled_xliff(data, "VI "))
    upload(client, buffer.getvalue(), "vi.zip")
    with in_site(site_vn):
        assert {
            tuple(a.unpublished_languages) for a in Article.objects.filter(slug__startswith="held-")
        } == {("vi",)}


@pytest.mark.django_db
def test_a_correction_to_a_released_language_stays_public(site_vn, in_site, articles):
    """As side by side: only a language's first text holds it back."""
    article = articles[0]
    with in_site(site_vn):
        article.title_vi = "Quy định hải quan mới"
        article.save()
        data = filled_xliff(export_xliff(site_vn, "vi", items=[(Article, article.pk)]), "VI ")
        report = import_catalog(site_vn, "vi", data)
        article.refresh_from_db()
    assert report.errors == [] and report.held_back == []
    assert article.unpublished_languages == []
    assert article.summary_vi.startswith("VI ")
