"""The page frame (base.html) kept rendered around its holes.

``{% hole %}…{% endhole %}`` marks a part of the root template that is
worked out for every request: the child page's blocks, and whatever reads
the address, the visitor's messages or the page's pager. Everything else in
the frame (head links, masthead, menu, footer) depends only on the site, the
language, the time zone, the page's template and URL name, and on the reader
being anonymous; for an anonymous reader it is kept rendered once per change
of the site, as ``{% fragment %}`` parts are (``web.page_cache.fragment_scope``),
and each request renders only the holes between the kept pieces.

What it bought (bench/http.py's site, CPU in process, interleaved whole and
kept, 4 rounds): 7-11 % of every rendered page (news list 1.37 -> 1.25 ms,
article 1.29 -> 1.16, home 0.72 -> 0.64); the frame cost ~0.25 ms a page.

Rules for base.html:
- a block a page may override sits in a hole (a page that overrides a block
  outside every hole is rendered whole, never kept);
- a hole sits only in blocks and {% if %}s (``holes_in_place``: elsewhere it
  would render differently on its own, and the template keeps no frame);
- outside the holes the frame reads only what the key covers: the site, the
  language and the anonymous reader's state (tests/web/test_kept_frame.py
  lists each variable and tag).
A signed-in reader's frame carries their menu and tokens: never kept. A page
served from the kept frame sends no ``template_rendered`` signal for base.html.
"""

import secrets

from django import template
from django.template.base import Template
from django.template.context import Context
from django.template.defaulttags import IfNode
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe

from languages.rendering import rendering_language
from web.fragment_store import fragments as kept
from web.page_cache import fragment_scope, holds_a_token
from web.templatetags.fragments import key_head, keyed_as_rendered

register = template.Library()

#: The render context's key while the frame is being recorded: each hole
#: writes a marker instead of itself.
_RECORDING = "web.frame.recording"
#: Markers: NUL, the hole's number, NUL. A frame whose kept pieces hold a NUL
#: of their own (from content) is not kept.
_MARK = "\x00"


class HoleNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        recording = context.render_context.get(_RECORDING)
        if recording is None:
            return self.nodelist.render(context)
        recording.append(self)
        return f"{_MARK}{len(recording) - 1}{_MARK}"


@register.tag("hole")
def hole(parser: template.base.Parser, token: template.base.Token) -> HoleNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% hole %} takes no arguments")
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    return HoleNode(nodelist)


#: What a hole may sit in: a block (rendered in place, its context intact)
#: and an {% if %} whose condition is of the key's parts (the test of
#: base.html's variables holds that). Inside anything else (a loop,
#: {% with %}, a filter, {% language %}, a kept part) a hole rendered on its
#: own would differ from the hole rendered in place.
_AROUND_A_HOLE = (BlockNode, IfNode)


def holes_in_place(nodelist: template.NodeList, *, around_ok: bool = True) -> bool:
    """Whether every hole in ``nodelist`` sits only in blocks and ifs."""
    for node in nodelist:
        if isinstance(node, HoleNode):
            if not around_ok:
                return False
            continue  # inside a hole anything goes: it is rendered in place
        inner_ok = around_ok and isinstance(node, _AROUND_A_HOLE)
        for name in node.child_nodelists:
            inner = getattr(node, name, None)
            if inner and not holes_in_place(inner, around_ok=inner_ok):
                return False
    return True


class Shape:
    """What a root template's holes are, found once per compiled template
    (``web.templatetags.root_blocks`` walks the template once for its blocks
    and its holes alike: ``nodes``). A template with a hole out of place
    keeps no frame: it renders whole, as if it had no holes."""

    __slots__ = ("hole_blocks", "holes", "token")

    def __init__(self, root: template.NodeList, nodes: list[template.Node]) -> None:
        holes = [node for node in nodes if isinstance(node, HoleNode)]
        self.holes = holes if holes_in_place(root) else []
        self.hole_blocks = {
            block.name
            for node in self.holes
            for block in node.nodelist.get_nodes_by_type(BlockNode)
        }
        # Tells one compiled template from a reloaded one (a new object with
        # maybe other holes) in the keys.
        self.token = secrets.token_hex(4)


#: What root_blocks walks a root template for.
WALKED_FOR = (HoleNode,)


def render_root(root: Template, shape: Shape, context: Context, block_context) -> str:
    """``root._render(context)`` (the root template, its blocks in
    ``block_context``), from the kept frame where there is one."""
    key = _key(root, shape, context, block_context) if shape.holes else None
    if key is None:
        return root._render(context)
    frame = kept.get(key[0])
    if frame is None:
        recording: list[HoleNode] = []
        context.render_context[_RECORDING] = recording
        try:
            marked = root._render(context)
        finally:
            del context.render_context[_RECORDING]
        pieces = marked.split(_MARK)
        numbers = [shape.holes.index(node) for node in recording]
        if (
            len(set(numbers)) != len(numbers)
            or len(pieces) != 2 * len(recording) + 1
            or pieces[1::2] != [str(number) for number in range(len(recording))]
        ):
            # A hole rendered twice (in a loop: with the loop's variables),
            # a marker lost or altered (under a filter), or a NUL in the
            # content: rendered whole, as if there were no holes.
            return root._render(context)
        pieces[1::2] = [str(number) for number in numbers]
        frame = _MARK.join(pieces)
        if holds_a_token(context.get("request"), frame.encode()):
            # A token outside the holes (a form for anonymous readers): it is
            # this visitor's own, never to be kept for the next.
            return root._render(context)
        if keyed_as_rendered(key[0], key[1]):  # only the active language's HTML
            kept.set(key[0], frame, until=key[2])
    pieces = frame.split(_MARK)
    holes = shape.holes
    for at in range(1, len(pieces), 2):
        pieces[at] = holes[int(pieces[at])].nodelist.render(context)
    return mark_safe("".join(pieces))  # HTML rendered by the template


def _key(root: Template, shape: Shape, context: Context, block_context) -> tuple | None:
    """(key, the scope's prefix, the moment to keep until) of this page's frame, or
    None when it must be rendered whole. Keyed as a fragment named "frame"."""
    request = context.get("request")
    scope = fragment_scope(request)
    if scope is None:
        return None
    overridden = {name for name, chain in block_context.blocks.items() if len(chain) > 1}
    if not overridden <= shape.hole_blocks:
        return None
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return None
    page = context.template.origin.template_name if context.template else None
    match = request.resolver_match
    head = key_head(scope[0], "frame", rendering_language(context))
    return f"{head}{shape.token}:{page}:{match.url_name if match else ''}", scope[0], scope[1]
