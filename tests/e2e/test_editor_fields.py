"""The editors' fields in the admin: every button of the rich-text toolbar
shows its icon and has a name in the editor's language, and the slug
follows the title however late the page's script runs.

Headless Chromium showed an empty box beside the paragraph icon: the
block-type chooser's caret was the character U+23F7, which no installed font
holds (``fc-list :charset=23f7``), and that chooser was named "paragraph" in
English whatever the page's language. The check draws every piece of text
the toolbar shows by CSS (``::before``/``::after``) on a canvas with the
element's own font and compares it with a character no font has: a match
is an empty box.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, E2E_PASSWORD, sign_in
from web.rich_text import MENU_LABELS, OWN_STRINGS, PACKAGE_STRINGS

pytestmark = pytest.mark.e2e

# For each visible toolbar button: its accessible name, whether its icon is
# drawn (a Material Icons ligature one glyph wide, or an SVG), and the text
# of its pseudo-elements that some font draws or not.
BUTTONS_JS = """
(wrapper) => {
  const canvas = document.createElement("canvas")
  canvas.width = 64; canvas.height = 64
  const context = canvas.getContext("2d", { willReadFrequently: true })
  const pixels = (text, font) => {
    context.clearRect(0, 0, 64, 64)
    context.font = font
    context.fillStyle = "#000"
    context.fillText(text, 8, 40)
    return Array.from(context.getImageData(0, 0, 64, 64).data).join(",")
  }
  const boxes = (text, font) => [...text].some(
    (character) => pixels(character, font) === pixels("\\u{10FFFD}", font))
  const pseudo = (element) => ["::before", "::after"].flatMap((where) => {
    const style = getComputedStyle(element, where)
    const content = style.content
    if (!content || content === "none" || content === "normal" || !content.startsWith('"')) return []
    const text = JSON.parse(content)
    if (!text) return []
    return [{ where, text, box: boxes(text, `${style.fontSize} ${style.fontFamily}`) }]
  })
  const buttons = [...wrapper.querySelectorAll(".prose-menubar button")]
    .filter((button) => button.getBoundingClientRect().width > 0 && !button.closest(".prose-menubar__picker"))
  return buttons.map((button) => {
    const range = document.createRange()
    range.selectNodeContents(button)
    const svg = button.querySelector("svg")
    return {
      name: button.dataset.name || "(chooser)",
      label: button.getAttribute("aria-label") || "",
      title: button.title,
      icon: svg ? svg.getBoundingClientRect().width : range.getBoundingClientRect().width,
      iconFont: button.classList.contains("material-icons"),
      pseudo: [...pseudo(button), ...(button.parentElement.matches(".prose-menubar__selected")
        ? pseudo(button.parentElement) : [])],
      caret: button.parentElement.matches(".prose-menubar__selected")
        ? (({ content, borderTopWidth }) => ({ content, borderTopWidth }))(
            getComputedStyle(button.parentElement, "::after"))
        : null,
    }
  })
}
"""


@pytest.fixture
def cn_vn_editor(django_db_blocker):
    with django_db_blocker.unblock(), schema_context("site_cn_vn"):
        User = get_user_model()
        editor = User.objects.create_user(
            "toolbar-editor@cn-vn.example", "toolbar-editor@cn-vn.example", E2E_PASSWORD,
            is_staff=True,
        )  # fmt: skip
        editor.groups.add(Group.objects.get(name="Editors"))
    yield editor.email
    with django_db_blocker.unblock(), schema_context("site_cn_vn"):
        editor.delete()


def check_buttons(wrapper) -> list[dict]:
    buttons = wrapper.evaluate(BUTTONS_JS)
    with translation.override("vi"):
        expected = {name: translation.gettext(label) for name, label in MENU_LABELS.items()}
        style = translation.gettext(OWN_STRINGS["textStyle"])
    for button in buttons:
        name = button["name"]
        assert button["label"] and button["label"] == button["title"], button
        if name == "(chooser)":
            assert button["label"].startswith(f"{style}: "), button
        else:
            assert button["label"] == expected[name], button
        # A drawn icon: one ligature glyph (the letters of "format_bold"
        # would be ten times as wide) or an SVG.
        assert 10 < button["icon"] <= 30, button
        for text in button["pseudo"]:
            assert not text["box"], f"{name} {text['where']} draws {text['text']!r} as an empty box"
    return buttons


def test_every_toolbar_button_shows_an_icon_and_has_a_name(page_in, live_port, cn_vn_editor):
    site = f"http://cn-vn.localhost:{live_port}"
    page = page_in("vi-VN")
    sign_in(page, f"{site}/admin/login/?next=/admin/cooperation/article/add/", cn_vn_editor)
    wrapper = page.locator(".prose-editor", has=page.locator("#id_body_vi"))
    expect(wrapper.locator('[data-name="bold"]')).to_have_attribute("title", "In đậm")
    page.evaluate("document.fonts.ready")

    shown = check_buttons(wrapper)
    names = {button["name"] for button in shown}
    assert {"(chooser)", "bold", "figure", "document", "table", "history:undo"} <= names
    chooser = next(button for button in shown if button["name"] == "(chooser)")
    assert chooser["label"] == "Kiểu văn bản: Đoạn văn"
    # Its caret is there, drawn with borders (no character a font might lack).
    assert chooser["caret"]["content"] != "none" and chooser["caret"]["borderTopWidth"] != "0px"

    # A heading renames the chooser.
    body = wrapper.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("Hội chợ")
    page.keyboard.press("Control+Alt+2")
    expect(wrapper.locator(".prose-menubar__selected button")).to_have_attribute(
        "aria-label", "Kiểu văn bản: Tiêu đề"
    )
    page.keyboard.press("End")
    page.keyboard.press("Enter")

    # Inside a table, its own buttons (SVG icons) appear: they pass too.
    wrapper.locator('[data-name="table"]').click()
    page.locator("dialog.prose-editor-dialog").get_by_role("button", name="Chèn").click()
    expect(wrapper.locator('[data-name="table:addRowAfter"]')).to_be_visible()
    in_table = {button["name"] for button in check_buttons(wrapper)}
    assert {"table:addRowAfter", "table:deleteTable"} <= in_table
    ARTIFACTS.mkdir(exist_ok=True)
    wrapper.locator(".prose-menubar").screenshot(path=ARTIFACTS / "rich-text-toolbar-vi.png")


def test_a_title_typed_before_the_page_script_ran_still_gets_its_slug(
    page_in, live_port, cn_vn_editor
):
    """On a loaded machine (or a slow connection) the title was typed before
    slug-field.js listened: the slug stayed empty (a flaky browser test)."""
    site = f"http://cn-vn.localhost:{live_port}"
    page = page_in("vi-VN")
    sign_in(page, f"{site}/admin/login/", cn_vn_editor)
    page.route("**/slug-field*.js", lambda route: route.abort())
    page.goto(f"{site}/admin/cooperation/article/add/")
    page.locator("#id_title_vi").fill("Hội chợ cà phê Buôn Ma Thuột")
    script = page.evaluate("document.querySelector('script[src*=\"slug-field\"]').src")
    page.unroute("**/slug-field*.js")
    page.add_script_tag(url=script)
    expect(page.locator("#id_slug")).to_have_value("hoi-cho-ca-phe-buon-ma-thuot")


def _add_form_script(url: str) -> bool:
    # The script that puts the caret in an add form's first field (Django's
    # change_form.js, loaded async, or the one that replaces it).
    return "change_form" in url or "admin-first-field" in url


def test_the_caret_stays_where_the_editor_began_typing_before_the_page_script_ran(
    page_in, live_port, cn_vn_editor
):
    """The add form's focus script loads async; on a loaded machine it ran
    after the title had been typed, moved the caret to the first field (the
    slug), and the rest of the title went there (a CI run: the slug read
    "한중 무역 포럼 서울에서 개최")."""
    site = f"http://cn-vn.localhost:{live_port}"
    page = page_in("vi-VN")
    sign_in(page, f"{site}/admin/login/", cn_vn_editor)
    page.route(_add_form_script, lambda route: route.abort())
    page.goto(f"{site}/admin/cooperation/article/add/")
    title = page.locator("#id_title_vi")
    title.fill("Hội chợ cà phê")
    script = page.evaluate("document.getElementById('django-admin-form-add-constants').src")
    page.unroute(_add_form_script)
    page.add_script_tag(url=script)
    page.keyboard.type(" Buôn Ma Thuột")
    expect(title).to_have_value("Hội chợ cà phê Buôn Ma Thuột")
    expect(page.locator("#id_slug")).to_have_value("hoi-cho-ca-phe-buon-ma-thuot")


def test_an_untouched_add_form_still_puts_the_caret_in_its_first_field(
    page_in, live_port, cn_vn_editor
):
    site = f"http://cn-vn.localhost:{live_port}"
    page = page_in("vi-VN")
    sign_in(page, f"{site}/admin/login/?next=/admin/cooperation/article/add/", cn_vn_editor)
    expect(page.locator("#id_slug")).to_be_focused()


# What a dialog shows: its title, labels, buttons and the choices of its lists.
DIALOG_TEXTS_JS = """
(dialog) => [...dialog.querySelectorAll("h3, label, button, option")]
  .map((element) => element.textContent.trim()).filter(Boolean)
"""
# The ordered list's numbering choices are samples, not words ("a, b, c, ...").
NUMBERING_SAMPLES = {
    "1, 2, 3, ...",
    "a, b, c, ...",
    "A, B, C, ...",
    "i, ii, iii, ...",
    "I, II, III, ...",
}


def editor_words(language: str) -> set[str]:
    """Every word the editor may show, in ``language``, from the catalog."""
    with translation.override(language):
        return {translation.gettext(text) for text in PACKAGE_STRINGS} | {
            translation.gettext(text) for text in OWN_STRINGS.values()
        }


@pytest.mark.parametrize(
    ("language", "locale", "host", "field"),
    [("vi", "vi-VN", "cn-vn", "id_body_vi"), ("ko", "ko-KR", "cn-kr", "id_body_ko")],
)
def test_every_dialog_of_the_editor_speaks_the_editors_language(
    request, page_in, live_port, tmp_path, language, locale, host, field
):
    """The list, table, link and image dialogs and the caption button read
    wholly in the editor's language: each text they show is one of the
    catalog's translations of the editor's words (no "Table Properties",
    "Yes"/"No" or an untranslated image label)."""
    from tests.e2e.test_officials import png_file

    if language == "ko":
        request.getfixturevalue("korea_site")
        email = "editor@cn-kr.example.org"
    else:
        email = request.getfixturevalue("cn_vn_editor")
    site = f"http://{host}.localhost:{live_port}"
    page = page_in(locale)
    sign_in(page, f"{site}/admin/login/?next=/admin/cooperation/article/add/", email)
    wrapper = page.locator(".prose-editor", has=page.locator(f"#{field}"))
    body = wrapper.locator(".ProseMirror[contenteditable=true]")
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    words = editor_words(language)
    english = {text for text in PACKAGE_STRINGS if text not in words}
    seen: dict[str, list[str]] = {}

    def read_dialog(name: str) -> None:
        expect(dialog).to_be_visible()
        texts = dialog.evaluate(DIALOG_TEXTS_JS)
        seen[name] = texts
        page.screenshot(path=ARTIFACTS / f"rich-text-dialog-{name}-{language}.png")
        strange = [text for text in texts if text not in words | NUMBERING_SAMPLES]
        assert not strange, f"{name}: {strange} (English: {set(strange) & english})"

    def close_dialog() -> None:
        with translation.override(language):
            cancel = translation.gettext("Cancel")
        dialog.get_by_role("button", name=cancel, exact=True).click()
        expect(dialog).to_have_count(0)

    body.click()
    page.keyboard.type("Hoi cho 2027")
    # The link dialog, on selected text.
    page.keyboard.press("Control+a")
    wrapper.locator('[data-name="link"]').click()
    read_dialog("link")
    close_dialog()
    # A numbered list and its properties (numbering, start).
    wrapper.locator('[data-name="orderedList"]').click()
    wrapper.locator('[data-name="orderedListProperties"]').click()
    read_dialog("list")
    assert len(dialog.locator("option").all()) == 6
    close_dialog()
    wrapper.locator('[data-name="orderedList"]').click()
    # The table: a checkbox for the header row, no "Yes"/"No" list.
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    wrapper.locator('[data-name="table"]').click()
    read_dialog("table")
    expect(dialog.locator('input[type="checkbox"][name="withHeaderRow"]')).to_have_count(1)
    dialog.locator('input[name="withHeaderRow"]').check()
    with translation.override(language):
        dialog.get_by_role("button", name=translation.gettext("Insert Table")).click()
    expect(body.locator("table th").first).to_be_visible()
    # The image: uploaded, then described.
    page.keyboard.press("Control+End")
    with page.expect_file_chooser() as chooser:
        wrapper.locator('[data-name="figure"]').click()
    chooser.value.set_files(png_file(tmp_path, "cang.png"))
    read_dialog("image")
    with translation.override(language):
        alt_label = translation.gettext(OWN_STRINGS["imageAlt"])
    assert alt_label in seen["image"]
    dialog.locator('[name="alt"]').fill("Cảng")
    dialog.locator("button[type=submit]").click()
    expect(body.locator("figure img")).to_be_visible()
    # Selecting the figure offers a caption, named in the language too.
    body.locator("figure img").click()
    caption = page.locator(".prose-menubar--floating button")
    expect(caption).to_be_visible()
    assert caption.text_content().strip() in words
    # Its description can be changed, in a dialog in the language too.
    wrapper.locator('[data-name="imageDescription"]').click()
    read_dialog("description")
    expect(dialog.locator('[name="alt"]')).to_have_value("Cảng")
    dialog.locator('[name="alt"]').fill("Cảng Hải Phòng")
    dialog.locator("button[type=submit]").click()
    expect(body.locator("figure img")).to_have_attribute("alt", "Cảng Hải Phòng")
    assert set(seen) == {"link", "list", "table", "image", "description"}
