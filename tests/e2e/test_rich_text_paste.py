"""What is pasted into the rich-text editor is tidied before the editor
shows it (static/web/rich-text-paste.js): Word's list items become a list
again, and an image from elsewhere is never drawn, so never fetched, before
saving would drop it (the server's cleaning stays the authority)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_rich_text_typing import cn_vn_writer  # noqa: F401

pytestmark = pytest.mark.e2e

WORD = (
    '<p class="MsoNormal">Các mặt hàng chính:</p>'
    '<p class="MsoListParagraphCxSpFirst" style="text-indent:-18pt;mso-list:l0 level1 lfo1">'
    '<span style="font-family:Symbol;mso-list:Ignore">·<span>&nbsp;&nbsp;&nbsp;</span></span>'
    "Hạt điều</p>"
    '<p class="MsoListParagraphCxSpMiddle" style="text-indent:-18pt;mso-list:l0 level2 lfo1">'
    '<span style="font-family:&quot;Courier New&quot;;mso-list:Ignore">o<span>&nbsp;&nbsp;</span></span>'
    "Đã bóc vỏ</p>"
    '<p class="MsoListParagraphCxSpLast" style="text-indent:-18pt;mso-list:l0 level1 lfo1">'
    '<span style="font-family:Symbol;mso-list:Ignore">·<span>&nbsp;&nbsp;&nbsp;</span></span>'
    "Cà phê</p>"
    '<p class="MsoNormal">Các bước:</p>'
    '<p class="MsoListParagraphCxSpFirst" style="mso-list:l1 level1 lfo2">'
    '<span style="mso-list:Ignore">1.<span>&nbsp;</span></span>Đăng ký</p>'
    '<p class="MsoListParagraphCxSpLast" style="mso-list:l1 level1 lfo2">'
    '<span style="mso-list:Ignore">2.<span>&nbsp;</span></span>Gửi hồ sơ</p>'
    '<p>Ảnh: <img src="http://tracker.invalid/pixel.png" alt="x"></p>'
    '<figure><img src="https://tracker.invalid/photo.jpg" alt="y">'
    "<figcaption>Cảng Hải Phòng</figcaption></figure>"
    '<img src="file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png">'
)


@pytest.mark.parametrize("width", [390, 1280])
def test_word_lists_become_lists_and_outside_images_are_never_fetched(
    browser,
    live_port,
    cn_vn_writer,  # noqa: F811
    width,
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    site = f"http://cn-vn.localhost:{live_port}"
    outside = []
    page.on(
        "request", lambda request: "tracker.invalid" in request.url and outside.append(request.url)
    )
    sign_in(page, f"{site}/admin/login/?next=/admin/cooperation/article/add/", cn_vn_writer)
    wrapper = page.locator(".prose-editor", has=page.locator("#id_body_vi"))
    body = wrapper.locator(".ProseMirror[contenteditable=true]")
    body.click()
    body.evaluate(
        """(element, html) => {
            const data = new DataTransfer()
            data.setData("text/html", html)
            data.setData("text/plain", "x")
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}))
        }""",
        WORD,
    )
    expect(body).to_contain_text("Gửi hồ sơ")

    bullets = body.locator("ul").first
    expect(bullets.locator(":scope > li")).to_have_count(2)
    expect(bullets.locator(":scope > li").first).to_have_text(
        "Hạt điều Đã bóc vỏ".replace(" Đ", "Đ")
    )
    expect(bullets.locator("ul > li")).to_have_text("Đã bóc vỏ")
    expect(body.locator("ol > li")).to_have_text(["Đăng ký", "Gửi hồ sơ"])
    text = body.inner_text()
    assert "·" not in text and "1." not in text and "\no\n" not in text
    expect(body.locator("img")).to_have_count(0)
    expect(body).to_contain_text("Cảng Hải Phòng")  # the caption's words stay
    textarea = page.locator("#id_body_vi").input_value()
    assert "tracker.invalid" not in textarea and "file:" not in textarea
    page.wait_for_timeout(300)  # an image drawn would have been asked for by now
    assert outside == []
    context.close()
