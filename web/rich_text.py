"""Rich text: the editor widget, and the cleaning of what it sends.

Article bodies and event descriptions are edited with django-prose-editor's
ProseMirror/Tiptap build (:class:`RichTextWidget`), loaded from our static
files by ``static/web/rich-text.js`` without an import map, so the strict
Content-Security-Policy of the editors' pages holds. Whatever arrives —
from the editor, text pasted from Word or a web page, or a form posted by
hand — is cleaned with nh3 before it is stored (:func:`clean_html`), so
templates can show it as is and no script, style or foreign image survives.
Images and PDF documents are inserted by uploading them
(``web.workspace_views.rich_text_upload``), checked by ``web.uploads``.
"""

import html
import json
import re

import nh3
from django import forms
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext, gettext_noop

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "code", "pre",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "hr",
    "figure", "figcaption", "img",
}  # fmt: skip
TAG = re.compile(r"<[^>]*>")
# Text is HTML when it has a tag HTML knows; "Giá <100 USD>" is still text.
HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|b|strong|i|em|u|s|sub|sup|ul|ol|li|h[1-6]|a|table|thead|tbody|tr|"
    r"th|td|blockquote|pre|code|hr|img|figure|figcaption|font|o:p|html|body|head|style|script)"
    r"[\s/>]",
    re.IGNORECASE,
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "img": {"src", "alt"},
    # The numbering the editor's list dialog sets: the HTML type ("a") and
    # the editor's own name for it ("lower-alpha"), which it reads first.
    "ol": {"type", "data-type", "start"},
}
LIST_TYPES = {"1", "a", "A", "i", "I"}
LIST_STYLES = {"decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "disc"}
LIST_START = re.compile(r"[0-9]{1,6}")
# The address of an image uploaded into rich text (web.uploads.store): this
# site's media folder, a plain name with an image extension; no query, no
# "..", no other host.
IMAGE_NAME = re.compile(r"(?:[A-Za-z0-9_-]+/)+[A-Za-z0-9_-]+\.(?:jpg|jpeg|png|webp)")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Images come from this site's uploads: ``/media/<its schema>/…`` and
    nothing else (no tracking pixel, no other site's file); a list's
    numbering is one the editor offers (``type="null"`` is no numbering)."""
    if tag == "img" and attribute == "src":
        prefix = f"{settings.MEDIA_URL}{connection.schema_name}/"
        own = value.startswith(prefix) and IMAGE_NAME.fullmatch(value.removeprefix(prefix))
        return value if own else None
    if tag == "ol":
        valid = {"type": LIST_TYPES.__contains__, "data-type": LIST_STYLES.__contains__,
                 "start": LIST_START.fullmatch}[attribute](value)  # fmt: skip
        return value if valid else None
    return value


# Once cleaned, an <img> without src had an address that was refused, or none.
IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
FIGURE_TAG = re.compile(r"</?figure>")
CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
BLOCK_START = re.compile(r"<(?:p|ul|ol|h[2-4]|table|blockquote|pre)[\s>]")


def _caption_as_paragraph(caption: re.Match) -> str:
    words = caption.group(1)
    return words if BLOCK_START.search(words) else f"<p>{words}</p>"


def _without_empty_figures(cleaned: str) -> str:
    """Figures without an image go; the words they held stay, a caption as a
    paragraph (the editor once saved ``<figure><img></figure>`` when a key
    replaced a selected image). One pass over nh3's well-formed output, each
    piece looked at once, so a deep nest of figures costs no more than a
    flat one (a pass per level took 27 s for 5,000)."""
    # The output so far, and whether each piece is still as cleaned (not yet
    # the remains of an imageless figure, which are final).
    pieces: list[str] = []
    raw: list[bool] = []
    # Per open figure: where its pieces start, and whether it holds an image.
    open_figures: list[list] = []
    position = 0
    for tag in FIGURE_TAG.finditer(cleaned):
        text = cleaned[position : tag.start()]
        position = tag.end()
        pieces.append(text)
        raw.append(True)
        if open_figures and "<img " in text:
            open_figures[-1][1] = True
        if tag.group() == "<figure>":
            open_figures.append([len(pieces), False])
            pieces.append("<figure>")
            raw.append(True)
        elif open_figures:
            start, has_image = open_figures.pop()
            if has_image:
                pieces.append("</figure>")
                raw.append(True)
                if open_figures:
                    open_figures[-1][1] = True
                continue
            held = [
                CAPTION.sub(_caption_as_paragraph, piece) if is_raw else piece
                for piece, is_raw in zip(pieces[start + 1 :], raw[start + 1 :], strict=True)
            ]
            # All or nothing: a piece may close a tag that another opened.
            kept = held if any(map(plain_text, held)) else []
            del pieces[start:], raw[start:]
            pieces.extend(kept)
            raw.extend([False] * len(kept))
    pieces.append(cleaned[position:])
    return "".join(pieces)


def clean_html(text: str) -> str:
    """Safe HTML from an editor's text: HTML is cleaned, plain text gets paragraphs."""
    if not text:
        return ""
    if not HTML_TAG.search(text):
        return linebreaks(escape(text))
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    # An image whose address was refused is nothing to keep, nor a figure
    # left without one.
    return _without_empty_figures(IMAGE_WITHOUT_SOURCE.sub("", cleaned))


def clean_columns(instance, field: str) -> None:
    """Clean every language's column of the translated ``field`` of ``instance``
    (from the model's ``save()``: whatever path the text came by)."""
    from modeltranslation.utils import build_localized_fieldname

    from languages.columns import set_text, text_in
    from languages.registry import SUPPORTED_CODES

    # Columns a query left out (translations.site_columns) are not saved:
    # reading them here would cost a query each.
    deferred = instance.get_deferred_fields()
    for language in SUPPORTED_CODES:
        if build_localized_fieldname(field, language) in deferred:
            continue
        value = text_in(instance, field, language)
        if value:
            set_text(instance, field, language, clean_html(value))


# Tags that end a run of text: a paragraph, a line break, a cell, an image.
# Any other tag ("<b>Viet</b>nam") sits inside a word as often as between two.
BREAKING_TAG = re.compile(
    r"</?(?:p|br|div|li|ul|ol|h[1-6]|table|thead|tbody|tfoot|tr|th|td|caption|blockquote|pre|hr|"
    r"img|figure|figcaption|section|article|header|footer|dl|dt|dd)\b[^>]*>",
    re.IGNORECASE,
)


def plain_text(text: str) -> str:
    """The words of stored HTML, for search and summaries."""
    # Block tags become spaces, so "<p>end</p><p>start" does not glue two
    # words; inline ones vanish, so "<b>Viet</b>nam" stays one.
    text = TAG.sub("", BREAKING_TAG.sub(" ", text))
    return " ".join(html.unescape(text).split())


_UPLOAD_PERMS: set[str] = set()


def register_upload_perm(perm: str) -> None:
    """Holders of ``perm`` may upload images and documents into rich text
    (content apps register the change permission of what they edit)."""
    _UPLOAD_PERMS.add(perm)


def upload_perms() -> set[str]:
    return set(_UPLOAD_PERMS)


# The words of django-prose-editor's build, which asks ``window.gettext`` for
# each by its English text, spelt exactly as the build spells it: a test reads
# every string the installed build passes to it and fails on one missing here
# (a new string after an upgrade), so none stays English unnoticed.
PACKAGE_STRINGS = [
    gettext_noop("Update"),
    gettext_noop("Cancel"),
    gettext_noop("Insert"),
    gettext_noop("Caption"),
    gettext_noop("Edit Link"),
    gettext_noop("URL"),
    gettext_noop("Title"),
    gettext_noop("Open in new window"),
    gettext_noop("Insert Table"),
    gettext_noop("Table Properties"),
    gettext_noop("Rows"),
    gettext_noop("Columns"),
    gettext_noop("Include header row"),
    gettext_noop("List properties"),
    gettext_noop("List type"),
    gettext_noop("Start at"),
    gettext_noop("Bullets"),
    gettext_noop("Decimal numbers"),
    gettext_noop("Lowercase letters"),
    gettext_noop("Uppercase letters"),
    gettext_noop("Lowercase Roman numerals"),
    gettext_noop("Uppercase Roman numerals"),
    gettext_noop("Insert Figure"),
    gettext_noop("Edit Figure"),
    gettext_noop("Edit Image"),
    gettext_noop("Image URL"),
    gettext_noop("Alternative Text"),
    gettext_noop("Add caption"),
    gettext_noop("Remove caption"),
]
# Strings of what this portal does not load or configure (the HTML source
# view, full screen, a media library to browse): never shown, not translated.
PACKAGE_STRINGS_UNUSED = {
    "Edit HTML",
    "Prettify",
    "Toggle fullscreen",
    "The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.",
    "Browse...",
}
# Our own script's words, by the key ``static/web/rich-text.js`` asks for:
# the script holds no English text of its own, so its words and the catalog's
# cannot drift apart (the image description's label once lacked the
# catalog's full stop and was never translated). A test checks that every
# key the script uses is here.
OWN_STRINGS = {
    "imageDialog": gettext_noop("Insert an image"),
    "imageAlt": gettext_noop("What the image shows, for readers who cannot see it."),
    "imageCaption": gettext_noop("Caption"),
    "imageDescribe": gettext_noop("Describe the image"),
    "insert": gettext_noop("Insert"),
    "document": gettext_noop("Attach a PDF document"),
    "documentWhere": gettext_noop(
        "Select the words to link, or put the cursor where the document should go."
    ),
    "uploadFailed": gettext_noop("The upload failed."),
    "textStyle": gettext_noop("Text style"),
}
# Menu buttons, by their name in the editor (their tooltips are not translated there).
MENU_LABELS = {
    "paragraph": gettext_noop("Paragraph"),
    "heading2": gettext_noop("Heading"),
    "heading3": gettext_noop("Subheading"),
    "heading4": gettext_noop("Minor heading"),
    "bulletList": gettext_noop("Bulleted list"),
    "orderedList": gettext_noop("Numbered list"),
    "orderedListProperties": gettext_noop("Numbering"),
    "blockquote": gettext_noop("Quotation"),
    "horizontalRule": gettext_noop("Horizontal line"),
    "figure": gettext_noop("Insert an image"),
    "document": gettext_noop("Attach a PDF document"),
    "imageDescription": gettext_noop("Describe the image"),
    "bold": gettext_noop("Bold"),
    "italic": gettext_noop("Italic"),
    "underline": gettext_noop("Underline"),
    "strike": gettext_noop("Strikethrough"),
    "subscript": gettext_noop("Subscript"),
    "superscript": gettext_noop("Superscript"),
    "link": gettext_noop("Insert a link"),
    "unlink": gettext_noop("Remove the link"),
    "history:undo": gettext_noop("Undo"),
    "history:redo": gettext_noop("Redo"),
    "table": gettext_noop("Insert Table"),
    "table:addColumnAfter": gettext_noop("Add a column"),
    "table:deleteColumn": gettext_noop("Delete the column"),
    "table:addRowAfter": gettext_noop("Add a row"),
    "table:deleteRow": gettext_noop("Delete the row"),
    "table:mergeCells": gettext_noop("Merge cells"),
    "table:splitCell": gettext_noop("Split the cell"),
    "table:toggleHeaderCell": gettext_noop("Header cell"),
    "table:deleteTable": gettext_noop("Delete the table"),
}


def editor_strings() -> str:
    """The editor's words in the active language, as JSON: the build's by
    their English text, ours and the menu's by key."""
    strings = {
        "gettext": {text: gettext(text) for text in PACKAGE_STRINGS},
        "own": {key: gettext(text) for key, text in OWN_STRINGS.items()},
        "menu": {name: gettext(text) for name, text in MENU_LABELS.items()},
    }
    return json.dumps(strings, ensure_ascii=False, separators=(",", ":"))


class RichTextWidget(forms.Textarea):
    """A textarea that becomes the rich-text editor (plain textarea without JavaScript)."""

    def __init__(self, attrs=None, *, admin: bool = False):
        self.admin = admin
        super().__init__(attrs)

    @property
    def media(self) -> forms.Media:
        css = ["django_prose_editor/material-icons.css", "django_prose_editor/editor.css"]
        if self.admin:
            css.append("django_prose_editor/overrides.css")
        return forms.Media(
            css={"all": [*css, "web/rich-text.css"]},
            js=[
                forms.Script("web/rich-text-strings.js", defer=True),
                forms.Script("web/rich-text.js", type="module"),
            ],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-rich-text"] = ""
        widget_attrs["data-upload-url"] = reverse("rich_text_upload")
        widget_attrs["data-rich-text-strings"] = editor_strings()
        return context

    def use_required_attribute(self, initial) -> bool:
        # The browser cannot focus a hidden textarea to say it is empty; the
        # form says so instead.
        return False
