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
}


def _own_media_only(tag: str, attribute: str, value: str) -> str | None:
    """Images come from this site's uploads: ``/media/<its schema>/…`` and
    nothing else (no tracking pixel, no other site's file)."""
    if tag == "img" and attribute == "src":
        prefix = f"{settings.MEDIA_URL}{connection.schema_name}/"
        return value if value.startswith(prefix) and ".." not in value else None
    return value


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
        attribute_filter=_own_media_only,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    # An image whose address was refused is nothing to keep.
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned)


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
