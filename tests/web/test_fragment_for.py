"""``{% fragment_for %}``: the loop of ``{% fragment %}`` items a list page
draws, in one node. Same HTML and same keys as the loop it replaces (a list
and a home panel share their items' fragments), one read of the store per
list, nothing kept where fragments must be rendered afresh."""

import time
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils.html import escape
from django.utils.translation import get_language, override

from web.fragment_store import fragments as kept
from web.templatetags import fragments

LOOP = (
    "{% load fragments %}<ul>{% for item in items %}"
    '{% fragment "test-item" item.pk item.flag %}<li>{{ item.name }}</li>{% endfragment %}'
    "\n{% endfor %}</ul>"
)
TAG = (
    "{% load fragments %}<ul>"
    '{% fragment_for "test-item" item in items by pk flag %}<li>{{ item.name }}</li>'
    "{% after_each %}\n{% endfragment_for %}</ul>"
)


def items(*names: str) -> list:
    return [SimpleNamespace(pk=n, flag=n % 2 == 0, name=name) for n, name in enumerate(names)]


def render(source: str, listed: list, request: object) -> str:
    return Template(source).render(Context({"items": listed, "request": request}))


@pytest.fixture
def scope(monkeypatch):
    kept.clear()
    prefix = ["fragment:test-scope:1:1"]
    monkeypatch.setattr(fragments, "fragment_scope", lambda request: (prefix[0], time.time() + 60))
    yield prefix
    kept.clear()


def test_it_renders_and_keeps_what_the_loop_of_fragments_does(scope):
    listed = items("Rice", "<Coffee & tea>", "Pepper")
    by_loop = render(LOOP, listed, SimpleNamespace())
    loop_keys = sorted(kept)
    kept.clear()

    assert render(TAG, listed, SimpleNamespace()) == by_loop
    assert sorted(kept) == loop_keys and len(loop_keys) == 3
    assert escape("<Coffee & tea>") in by_loop
    # Kept by one, read by the other: the names below are not rendered again.
    renamed = items("Changed", "Changed", "Changed")
    assert render(LOOP, renamed, SimpleNamespace()) == by_loop
    kept.clear()
    render(LOOP, listed, SimpleNamespace())
    assert render(TAG, renamed, SimpleNamespace()) == by_loop


def test_a_list_reads_the_store_once_and_renders_only_what_is_missing(scope, monkeypatch):
    listed = items("Rice", "Coffee", "Pepper")
    whole = render(TAG, listed, SimpleNamespace())
    (gone,) = [key for key in kept if key.endswith(":test-item:1:False")]
    kept.delete(gone)
    reads = []
    monkeypatch.setattr(kept, "get", lambda *a, **k: reads.append(a))
    real_get_many = kept.get_many
    monkeypatch.setattr(kept, "get_many", lambda keys: reads.append(keys) or real_get_many(keys))
    listed[0].name = listed[2].name = "Not drawn again"

    assert render(TAG, listed, SimpleNamespace()) == whole
    assert len(reads) == 1
    listed[1].name = "Not drawn again"
    assert render(TAG, listed, SimpleNamespace()) == whole  # the missing one was kept


def test_html_a_view_read_already_is_used_as_read(scope):
    listed = items("Rice")
    key = fragments._key(scope[0], "test-item", [0, True], get_language())
    request = SimpleNamespace(_kept_fragments={key: "<li>as read</li>"})

    assert render(TAG, listed, request) == "<ul><li>as read</li>\n</ul>"


def test_without_a_scope_each_item_is_rendered_and_nothing_kept(monkeypatch):
    kept.clear()
    monkeypatch.setattr(fragments, "fragment_scope", lambda request: None)
    listed = items("Rice", "Coffee")

    assert render(TAG, listed, None) == render(LOOP, listed, None)
    assert "Coffee" in render(TAG, listed, None) and not list(kept)


def test_an_empty_list_renders_nothing():
    assert render(TAG, [], None) == "<ul></ul>"


def test_a_generator_is_read_as_the_loop_reads_it(scope):
    listed = items("Rice", "Coffee")
    by_loop = render(LOOP, listed, SimpleNamespace())
    kept.clear()

    assert render(TAG, (item for item in listed), SimpleNamespace()) == by_loop


def test_the_keys_a_view_read_its_items_under_are_not_worked_out_again(scope, monkeypatch):
    listed = items("Rice", "Coffee", "Pepper")
    whole = render(TAG, listed, SimpleNamespace())
    loaded = items("Rice", "Coffee", "Pepper")
    request = SimpleNamespace()
    kept.delete(fragments._key(scope[0], "test-item", [2, True], get_language()))
    shown = fragments.kept_items(
        request, "test-item", listed, lambda pks: {pk: loaded[pk] for pk in pks}, key=("pk", "flag")
    )
    worked_out = []
    real = fragments._varying
    monkeypatch.setattr(fragments, "_varying", lambda v: worked_out.append(v) or real(v))
    listed[0].name = "Not drawn again"

    assert render(TAG, shown, request) == whole
    assert worked_out == [[2, True]]  # only the item loaded: its fragment was not kept
    assert shown[2] is loaded[2]


def test_a_separator_with_tags_is_rendered_after_each_item(scope):
    source = (
        '{% load fragments %}{% fragment_for "test-item" item in items %}<li>{{ item.name }}</li>'
        "{% after_each %}<!--{{ item.pk }}-->{% endfragment_for %}"
    )
    listed = items("Rice", "Coffee")
    by_loop = "<li>Rice</li><!--0--><li>Coffee</li><!--1-->"

    assert render(source, listed, SimpleNamespace()) == by_loop
    assert render(source, listed, SimpleNamespace()) == by_loop  # kept: still each its own
    assert render(source, listed, None) == by_loop


@pytest.mark.parametrize("source", [LOOP, TAG])
def test_keyed_in_the_pages_language_and_kept_only_when_it_is_the_active_one(scope, source):
    """The key's language is the page's (``current_language``, read once a
    page: languages.rendering); a part rendered while another language is
    active is shown, never kept under the page's language."""
    listed = items("Rice", "Coffee")

    def page(language: str) -> str:
        context = {"items": listed, "request": SimpleNamespace()}
        context["current_language"] = SimpleNamespace(code=language)
        return Template(source).render(Context(context))

    with override("en"):
        page("vi")
        assert list(kept) == []
        page("en")
    assert sorted(kept) and all(key.startswith(f"{scope[0]}:en:") for key in kept)
