"""Attaching a PDF in the rich-text editor wherever the selection is.

Last session's walk selected a picture and pressed "Attach a PDF document":
the file was chosen and uploaded, then nothing appeared and nothing was said
(a link is a mark on words, and a picture has none). The link now goes in a
paragraph of its own after the picture, as typed words do, and the picture
stays whole. Where there is nothing to put a link on and no place for one
(table cells selected with no words in them), the editor says what to do, in
its own language, before any file is chosen.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, person_on, sign_in
from tests.e2e.test_officials import png_file
from web.rich_text import OWN_STRINGS

pytestmark = pytest.mark.e2e

EDITOR = "attach@cn-vn.example"


@pytest.fixture
def cn_vn_attacher(django_db_blocker):
    with person_on(django_db_blocker, "site_cn_vn", EDITOR, group="Editors", is_staff=True):
        yield


def pdf_file(tmp_path, name: str):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n% a brochure for the test\n%%EOF\n")
    return path


def open_editor(page, live_port):
    site = f"http://cn-vn.localhost:{live_port}"
    sign_in(page, f"{site}/admin/login/?next=/admin/cooperation/article/add/", EDITOR)
    wrapper = page.locator(".prose-editor", has=page.locator("#id_body_vi"))
    body = wrapper.locator(".ProseMirror[contenteditable=true]")
    expect(body).to_be_visible()
    return wrapper, body


def test_a_pdf_attached_on_a_selected_picture_goes_after_it(
    page_in, live_port, cn_vn_attacher, tmp_path
):
    page = page_in("vi-VN")
    wrapper, body = open_editor(page, live_port)
    body.click()
    page.keyboard.type("Hội chợ cà phê.")
    page.keyboard.press("Enter")
    with page.expect_file_chooser() as chooser:
        wrapper.locator('[data-name="figure"]').click()
    chooser.value.set_files(png_file(tmp_path, "hoi-cho.png"))
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.locator('[name="alt"]').fill("Gian hàng cà phê")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_have_count(0)
    page.keyboard.type("Sau ảnh.")
    expect(body).to_contain_text("Sau ảnh.")

    # The picture selected by a click, then the PDF attached.
    body.locator("figure img").click()
    name = "Bản giới thiệu hội chợ 2027.pdf"
    with page.expect_file_chooser() as chooser:
        wrapper.locator('[data-name="document"]').click()
    chooser.value.set_files(pdf_file(tmp_path, name))

    link = body.locator("figure + p > a")
    expect(link).to_have_text(name)
    expect(link).to_have_attribute("href", re.compile(r"^/media/.+\.pdf$"))
    expect(body.locator("figure img")).to_have_attribute("alt", "Gian hàng cà phê")
    assert body.locator("figure img").get_attribute("src")
    expect(wrapper.locator(".rich-text__error:not([hidden])")).to_have_count(0)
    # The caret waits after the link: what is typed next follows it.
    page.keyboard.type(" (PDF)")
    expect(body.locator("figure + p")).to_have_text(f"{name} (PDF)")
    # And what goes back to the server: the picture, then the link, then the rest.
    html = page.locator("#id_body_vi").input_value()
    figure, after = html.split("</figure>", 1)
    assert 'alt="Gian hàng cà phê"' in figure and name not in figure
    assert after.startswith("<p><a ") and f">{name}</a>" in after
    assert after.index(name) < after.index("Sau ảnh.")
    ARTIFACTS.mkdir(exist_ok=True)
    wrapper.screenshot(path=ARTIFACTS / "rich-text-document-after-picture-vi.png")


def test_with_nothing_to_link_the_editor_says_what_to_do_in_its_language(
    page_in, live_port, cn_vn_attacher
):
    page = page_in("vi-VN")
    wrapper, body = open_editor(page, live_port)
    body.click()
    wrapper.locator('[data-name="table"]').click()
    page.locator("dialog.prose-editor-dialog[open]").locator("button[type=submit]").click()
    expect(body.locator("table td, table th").first).to_be_visible()
    # Two empty cells selected (a cell selection: no words to put a link on).
    body.locator("table td, table th").first.click()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    expect(body.locator(".selectedCell").first).to_be_visible()
    chooser_opened = []
    page.on("filechooser", lambda chooser: chooser_opened.append(chooser))
    wrapper.locator('[data-name="document"]').click()

    with translation.override("vi"):
        words = translation.gettext(OWN_STRINGS["documentWhere"])
    assert words != OWN_STRINGS["documentWhere"]
    expect(wrapper.locator(".rich-text__error")).to_have_text(words)
    expect(wrapper.locator(".rich-text__error")).to_have_attribute("role", "alert")
    assert chooser_opened == []  # nothing chosen, nothing uploaded
