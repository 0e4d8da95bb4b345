"""Writing content: slugs from titles in any script, rich text, its uploads."""

import pytest
from django.test import Client

from cooperation.models import Article
from events.models import Event
from tests.factories.accounts import make_member, make_staff
from tests.factories.articles import make_article
from tests.factories.events import make_event
from tests.factories.files import fake, pdf, png
from web.rich_text import clean_html

HOST = {"HTTP_HOST": "cn-vn.localhost"}

WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style>p.MsoNormal {margin:0cm; font-family:"Calibri"}</style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--></head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<p class=MsoNormal style='mso-margin-top-alt:auto'><b><span style='font-size:14pt'>中越贸易</span></b><o:p></o:p></p>
<p class=MsoListParagraph onclick="alert(1)"><span style='mso-list:Ignore'>1.</span> 榴莲出口 <a href="javascript:alert(1)">点此</a></p>
<script>alert(2)</script><img src="http://tracker.example/pixel.gif" width=1>
<img src="/media/site_cn_id/inline/other.png"><table class=MsoTableGrid border=1><tr><td style='width:100pt'>单元</td></tr></table>
</body></html>"""


@pytest.mark.django_db
def test_word_paste_keeps_its_structure_and_loses_the_rest(site_vn, in_site):
    with in_site(site_vn):
        cleaned = clean_html(WORD_PASTE)

    assert "<b>中越贸易</b>" in cleaned and "榴莲出口" in cleaned and "<td>单元</td>" in cleaned
    for gone in (
        "style",
        "class=",
        "Mso",
        "mso-",
        "<o:p>",
        "script",
        "alert",
        "onclick",
        "tracker.example",
        "site_cn_id",
        "<html",
        "<body",
        "OfficeDocumentSettings",
    ):
        assert gone not in cleaned, gone  # fmt: skip


@pytest.mark.django_db
def test_only_this_sites_uploaded_images_stay(site_vn, in_site):
    own = '<figure><img src="/media/site_cn_vn/inline/a1.png" alt="Cảng Hải Phòng"><figcaption>Cảng</figcaption></figure>'
    with in_site(site_vn):
        assert clean_html(own) == own
        assert clean_html('<p><img src="/media/site_cn_vn/../site_cn_id/x.png"></p>') == "<p></p>"
        assert clean_html('<img src="data:image/png;base64,AAAA">') == ""


@pytest.mark.django_db
def test_an_article_saved_without_a_slug_gets_one_from_its_title(site_vn, in_site):
    with in_site(site_vn):
        first = make_article(
            slug="", texts={"zh-hans": "中越边境贸易", "vi": "Thương mại biên giới"}
        )
        second = make_article(slug="", texts={"vi": "Đắk Lắk cà phê"})
        third = make_article(slug="", texts={"zh-hans": "中越边境贸易"})
        event = make_event(slug="", titles={"vi": "Hội chợ Lào Cai"})

    assert first.slug == "zhong-yue-bian-jing-mao-yi"  # the site's first language
    assert second.slug == "dak-lak-ca-phe"
    assert third.slug == "zhong-yue-bian-jing-mao-yi-2"
    assert event.slug == "hoi-cho-lao-cai"


@pytest.mark.django_db
def test_the_slug_suggestion_follows_the_title(client, site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="hanjung-muyeok-poreom")
        editor = make_staff("editor")
        client.force_login(editor)

    def suggest(**query):
        return client.get("/vi/editor/slug/", query, **HOST)

    answer = suggest(model="cooperation.article", text="한중 무역 포럼", language="ko")
    assert answer.json() == {"slug": "hanjung-muyeok-poreom-2"}
    assert suggest(model="events.event", text="东盟博览会").json() == {
        "slug": "dong-meng-bo-lan-hui"
    }
    # Bad input is a readable 400 or simply ignored, never a 500.
    assert suggest(model="auth.user", text="x").status_code == 400
    assert suggest(model="cooperation.article", text="x" * 5000, pk="abc").status_code == 200
    assert suggest(model="cooperation.article", text="🎉").json()["slug"].startswith("article-")
    # A NUL anywhere in a query string is refused before any view (web.security).
    assert suggest(model="cooperation.article", text="\x00🎉").status_code == 400
    assert suggest(model=["a", "b"], text=["x", "y"]).status_code == 400


@pytest.mark.django_db
def test_the_slug_suggestion_is_for_staff_who_write(client, site_vn, in_site):
    query = {"model": "cooperation.article", "text": "x"}
    assert client.get("/vi/editor/slug/", query, **HOST).status_code == 302
    with in_site(site_vn):
        client.force_login(make_member().user)
    assert client.get("/vi/editor/slug/", query, **HOST).status_code == 403


@pytest.mark.django_db
def test_uploads_into_rich_text_are_checked_and_kept_in_the_sites_folder(
    client, site_vn, in_site, settings
):
    with in_site(site_vn):
        client.force_login(make_staff("editor"))

    image = client.post("/vi/editor/uploads/", {"file": png("cảng.png")}, **HOST)
    document = client.post("/vi/editor/uploads/", {"file": pdf()}, **HOST)
    svg = client.post(
        "/vi/editor/uploads/",
        {"file": fake("x.png", b"<svg onload=alert(1)>", "image/png")},
        **HOST,
    )

    assert image.status_code == 200 and image.json()["kind"] == "image"
    url = image.json()["url"]
    assert url.startswith("/media/site_cn_vn/inline/") and url.endswith(".png")
    assert client.get(url, **HOST).status_code == 200
    # (Another client: cookies belong to their host, as in a browser.)
    assert Client().get(url, HTTP_HOST="cn-id.localhost").status_code == 404
    assert document.json()["kind"] == "document" and document.json()["url"].endswith(".pdf")
    assert svg.status_code == 400 and "JPEG, PNG" in svg.json()["error"]
    assert client.post("/vi/editor/uploads/", {}, **HOST).status_code == 400
    assert client.get("/vi/editor/uploads/", **HOST).status_code == 405


@pytest.mark.django_db
def test_uploads_are_refused_to_people_who_do_not_write(client, site_vn, in_site):
    assert client.post("/vi/editor/uploads/", {"file": png()}, **HOST).status_code == 302
    with in_site(site_vn):
        client.force_login(make_member().user)
    assert client.post("/vi/editor/uploads/", {"file": png()}, **HOST).status_code == 403
    with in_site(site_vn):
        client.force_login(make_staff())
    assert client.post("/vi/editor/uploads/", {"file": png()}, **HOST).status_code == 403


@pytest.mark.django_db
def test_the_admin_edits_bodies_as_rich_text_and_slugs_may_be_left_empty(client, site_vn, in_site):
    with in_site(site_vn):
        client.force_login(make_staff("editor"))
    page = client.get("/admin/cooperation/article/add/", **HOST).content.decode()

    assert page.count("data-rich-text=") == 3  # the body in each site language
    assert 'src="/static/web/rich-text.js" type="module"' in page
    assert 'data-slug-sources="id_title_zh_hans:zh-hans id_title_vi:vi id_title_en:en"' in page

    response = client.post(
        "/admin/cooperation/article/add/",
        {
            "slug": "", "kind": "news", "status": "draft", "title_zh_hans": "中越跨境电商论坛",
            "body_zh_hans": '<p style="color:red">论坛<script>x()</script></p>',
            "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
        },
        **HOST,
    )  # fmt: skip

    assert response.status_code == 302
    with in_site(site_vn):
        article = Article.objects.get(title_zh_hans="中越跨境电商论坛")
    assert article.slug == "zhong-yue-kua-jing-dian-shang-lun-tan"
    assert article.body_zh_hans == "<p>论坛</p>"


@pytest.mark.django_db
def test_event_descriptions_show_as_rich_text(client, site_vn, in_site):
    with in_site(site_vn):
        event = make_event(titles={"vi": "Hội chợ"}, description_vi="<p><b>Mở cửa</b> 8 giờ</p>")
        plain = make_event(titles={"vi": "Hội thảo"})
        Event.objects.filter(pk=plain.pk).update(description_vi="Dòng một\n\nDòng <hai>")

    page = client.get(f"/vi/events/{event.slug}/", **HOST).content.decode()
    old = client.get(f"/vi/events/{plain.slug}/", **HOST).content.decode()

    assert "<p><b>Mở cửa</b> 8 giờ</p>" in page
    assert "<p>Dòng một</p>" in old and "&lt;hai&gt;" in old
