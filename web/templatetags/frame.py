"""The page frame (base.html) kept rendered around its holes.

``{% hole %}…{% endhole %}`` marks a part of the root template that is
worked out for every request: the child page's blocks, and whatever reads
the address, the visitor's messages or the page's pager. Everything else in
the frame (head links, masthead, menu, footer) depends only on the site, the
language, the time zone, the page's template and URL name, and on the reader
being anonymous; for an anonymous reader it is kept rendered once per change
of the site, as ``{% fragment %}`` parts are (``web.page_cache.fragment_scope``),
and each request renders only the holes between the kept pieces.

Measured with bench/http.py's site (CPU in process, ``--cpu``): the frame
cost every rendered page ~0.25 ms of ~1.3 ms, its holes ~0.1 ms of that.

Rules for base.html, which tests/web/test_kept_frame.py checks on every page:
- a block a page may override is inside a hole (a page that overrides a
  block outside every hole is rendered whole, never kept);
- a hole sets no variable that the frame reads outside it, and reads none
  that a tag around it sets ({% with %}, {% for %}): it is rendered on its own;
- anything around a hole decides only by the key's parts (``{% if site %}``,
  never ``{% if request.GET… %}``).
A signed-in reader's frame carries their menu and tokens: never kept.
"""

import secrets

from django import template
from django.template.base import Template
from django.template.context import Context
from django.template.loader_tags import BlockNode
from django.utils import timezone, translation

from languages.rendering import rendering_language
from web.fragment_store import fragments as kept
from web.page_cache import fragment_scope
from web.templatetags.fragments import FragmentNode

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


class Shape:
    """What a root template's holes are, found once per compiled template
    (``web.templatetags.root_blocks`` walks the template once for its blocks
    and its holes alike: ``nodes``)."""

    __slots__ = ("hole_blocks", "holes", "token")

    def __init__(self, nodes: list[template.Node]) -> None:
        self.holes = [node for node in nodes if isinstance(node, HoleNode)]
        self.hole_blocks = {
            block.name
            for node in self.holes
            for block in node.nodelist.get_nodes_by_type(BlockNode)
        }
        for part in nodes:
            if isinstance(part, FragmentNode) and part.nodelist.get_nodes_by_type(HoleNode):
                # It would keep the recording's markers for every page.
                raise template.TemplateSyntaxError("a {% hole %} inside a {% fragment %}")
        # Tells one compiled template from a reloaded one (a new object with
        # maybe other holes) in the keys.
        self.token = secrets.token_hex(4)


#: What root_blocks walks a root template for.
WALKED_FOR = (HoleNode, FragmentNode)


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
        if key[1] == translation.get_language():  # only the active language's HTML
            kept.set(key[0], frame, timeout=key[2])
    pieces = frame.split(_MARK)
    holes = shape.holes
    for at in range(1, len(pieces), 2):
        pieces[at] = holes[int(pieces[at])].nodelist.render(context)
    return "".join(pieces)


def _key(root: Template, shape: Shape, context: Context, block_context) -> tuple | None:
    """(key, language, seconds to keep) of this page's frame, or None when
    it must be rendered whole."""
    request = context.get("request")
    scope = fragment_scope(request)
    if scope is None:
        return None
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return None
    overridden = {name for name, chain in block_context.blocks.items() if len(chain) > 1}
    if not overridden <= shape.hole_blocks:
        return None
    page = context.template.origin.template_name if context.template else None
    match = request.resolver_match
    language = rendering_language(context)
    key = (
        f"{scope[0]}:{language}:{timezone.get_current_timezone_name()}:frame:{shape.token}:"
        f"{page}:{match.url_name if match else ''}"
    )
    return key, language, scope[1]
