"""The editor's link dialog refuses what no link can open, and a caption
never traps the caret.

A newcomer's walk typed ``javascript:alert(1)`` into the link dialog: it
closed without a word and stored ``<a href="">KOTRA</a>``, a link that
reloads the page. ``www.kotra.or.kr`` became an address on this site. A
captioned image at the end of a body kept the caret in its caption: Enter
did nothing, ArrowDown and Ctrl+End stayed there.
"""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from django_tenants.utils import schema_context
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.factories.articles import make_article
from web.rich_text import OWN_STRINGS

pytestmark = pytest.mark.e2e

EDITOR = "editor@cn-kr.example.org"


@pytest.fixture
def article_ending_with_a_figure(korea_site, django_db_blocker):
    with django_db_blocker.unblock(), schema_context(korea_site.schema_name):
        data = BytesIO()
        Image.new("RGB", (400, 200), (0, 52, 120)).save(data, format="PNG")
        name = default_storage.save(
            f"{korea_site.schema_name}/inline/hall.png", ContentFile(data.getvalue())
        )
        article = make_article(slug="hall-2031", texts={"ko": "박람회장 안내"})
        article.body_ko = (
            f'<p>첫 문단.</p><figure><img src="{default_storage.url(name)}" alt="전시장">'
            "<figcaption>박람회장</figcaption></figure>"
        )
        article.save()
    return article


def open_body(page, live_port, article):
    site = f"http://cn-kr.localhost:{live_port}"
    page.goto(f"{site}/admin/cooperation/article/{article.pk}/change/")
    wrapper = page.locator(".prose-editor", has=page.locator("#id_body_ko"))
    body = wrapper.locator(".ProseMirror[contenteditable=true]")
    expect(body.locator("figcaption")).to_have_text("박람회장")
    return wrapper, body


def in_caption_end(page, body) -> None:
    """The caret at the end of the figure's caption: clicked at the caption's
    right edge, past its words, then End. ProseMirror may place the caret
    where the mouse went after the browser has handled a key: clicked in the
    middle, End was once undone and the words went there ("박람 전경회장")."""
    caption = body.locator("figcaption")
    box = caption.bounding_box()
    caption.click(position={"x": box["width"] - 2, "y": box["height"] / 2})
    page.keyboard.press("End")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_link_dialog_refuses_a_bad_address_in_the_editors_language_and_completes_a_domain(
    browser, live_port, article_ending_with_a_figure, width
):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="ko-KR")
    page = context.new_page()
    page.add_init_script(
        "document.addEventListener('rich-text:ready', (event) => {"
        " if (event.target.id === 'id_body_ko') window.bodyEditor = event.detail.editor })"
    )
    sign_in(page, f"http://cn-kr.localhost:{live_port}/admin/login/", EDITOR)
    wrapper, body = open_body(page, live_port, article_ending_with_a_figure)
    body.locator("p").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" KOTRA")
    expect(body.locator("p").first).to_have_text("첫 문단. KOTRA")
    # The word selected through the editor: five Shift+ArrowLeft typed at
    # once were once read four by ProseMirror (which reads the page's
    # selection a moment later), and "OTRA" became the link.
    page.evaluate(
        """() => {
            const editor = window.bodyEditor
            editor.state.doc.descendants((node, pos) => {
                const at = node.isText ? node.text.indexOf("KOTRA") : -1
                if (at >= 0) editor.commands.setTextSelection({ from: pos + at, to: pos + at + 5 })
            })
        }"""
    )
    wrapper.locator('[data-name="link"]').click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    address = dialog.locator('[name="href"]')
    with translation.override("ko"):
        refusal = translation.gettext(OWN_STRINGS["linkInvalid"])
    assert refusal != OWN_STRINGS["linkInvalid"]

    for bad in ("javascript:alert(1)", "kotra", "//evil.example/"):
        address.fill(bad)
        dialog.locator("button[type=submit]").click()
        expect(dialog).to_be_visible()  # still open, saying why
        expect(dialog.locator(".rich-text__error")).to_have_text(refusal)
        assert address.evaluate("input => input.validationMessage") == refusal
        assert address.get_attribute("aria-invalid") == "true"
        box = dialog.locator(".rich-text__error").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # Pressing Enter checks the same.
    address.fill("javascript:alert(1)")
    address.press("Enter")
    expect(dialog).to_be_visible()
    assert page.locator("#id_body_ko").input_value().count("<a ") == 0

    address.fill("www.kotra.or.kr")
    expect(dialog.locator(".rich-text__error")).to_be_hidden()  # right now: the message goes
    address.press("Enter")
    expect(dialog).to_have_count(0)
    expect(body.locator('a[href="https://www.kotra.or.kr"]')).to_have_text("KOTRA")
    stored = page.locator("#id_body_ko").input_value()
    assert 'href="https://www.kotra.or.kr"' in stored and 'href=""' not in stored

    # Emptying the address removes the link, its words stay.
    body.locator("a").click()
    wrapper.locator('[data-name="link"]').click()
    expect(address).to_have_value("https://www.kotra.or.kr")
    address.fill("")
    address.press("Enter")
    expect(dialog).to_have_count(0)
    expect(body.locator("a")).to_have_count(0)
    expect(body.locator("p").first).to_contain_text("KOTRA")
    page.screenshot(path=f"test-artifacts/rich-text-link-{width}.png")
    context.close()


def test_enter_arrow_down_and_ctrl_end_leave_a_caption_for_a_paragraph_below(
    page_in, live_port, article_ending_with_a_figure
):
    page = page_in("ko-KR")
    sign_in(page, f"http://cn-kr.localhost:{live_port}/admin/login/", EDITOR)

    # Enter at the end of the caption: a new paragraph below the figure.
    _, body = open_body(page, live_port, article_ending_with_a_figure)
    in_caption_end(page, body)
    page.keyboard.type(" 전경")
    page.keyboard.press("Enter")
    page.keyboard.type("엔터 다음")
    expect(body.locator("figcaption")).to_have_text("박람회장 전경")
    expect(body.locator("> p").last).to_have_text("엔터 다음")
    assert body.evaluate("b => b.lastElementChild.tagName") == "P"
    stored = page.locator("#id_body_ko").input_value()
    assert stored.endswith("</figure><p>엔터 다음</p>"), stored

    # ArrowDown from the caption, the figure last: a paragraph too.
    _, body = open_body(page, live_port, article_ending_with_a_figure)
    in_caption_end(page, body)
    page.keyboard.press("ArrowDown")
    page.keyboard.type("아래")
    expect(body.locator("figcaption")).to_have_text("박람회장")
    assert body.evaluate("b => [b.lastElementChild.tagName, b.lastElementChild.textContent]") == [
        "P",
        "아래",
    ]

    # Ctrl+End from anywhere, the figure last: after it, not in its caption.
    _, body = open_body(page, live_port, article_ending_with_a_figure)
    body.locator("p").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("끝")
    expect(body.locator("figcaption")).to_have_text("박람회장")
    assert body.evaluate("b => [b.lastElementChild.tagName, b.lastElementChild.textContent]") == [
        "P",
        "끝",
    ]
    # Where a paragraph follows already, Enter in the caption adds one more
    # right below the figure, and ArrowDown moves as usual.
    in_caption_end(page, body)
    page.keyboard.press("ArrowDown")
    page.keyboard.type("!")
    assert body.locator("> p").last.text_content() in ("끝!", "!끝")
    assert body.locator("> *").count() == 3
