"""``{% extends %}`` as Django's, except that the blocks of the root template
(base.html) are listed once per compiled template instead of on every render.

Django's ExtendsNode walks the parent's whole node tree
(``nodelist.get_nodes_by_type(BlockNode)``) each time a page renders, to find
the root's blocks: measured 0.16 ms per page for base.html on the benchmark
machine, a tenth of the frame's own template time on the home page. The tree
of a compiled template never changes (the cached loader hands the same
Template object until it reloads, and a reload is a new object), so the
answer is kept on the Template object. Registered as a builtin in
settings.TEMPLATES, which overrides Django's tag of the same name.

The same single walk finds the root's ``{% hole %}``s: its frame is kept
rendered around them for anonymous readers (web/templatetags/frame.py).
"""

from django import template
from django.template.base import Template, TextNode
from django.template.context import Context
from django.template.loader_tags import (
    BLOCK_CONTEXT_KEY,
    BlockContext,
    BlockNode,
    ExtendsNode,
    do_extends,
)

from web.templatetags.frame import WALKED_FOR, Shape, render_root

register = template.Library()


def _root_blocks(parent: Template) -> tuple[dict[str, BlockNode], Shape] | None:
    """The blocks of ``parent`` and its frame's holes if it is the root
    (extends nothing), else None."""
    try:
        return parent._root_blocks
    except AttributeError:
        pass
    found = None
    # As Django: the ExtendsNode has to be the first non-text node.
    for node in parent.nodelist:
        if not isinstance(node, TextNode):
            if not isinstance(node, ExtendsNode):
                nodes = parent.nodelist.get_nodes_by_type((BlockNode, *WALKED_FOR))
                blocks = {n.name: n for n in nodes if isinstance(n, BlockNode)}
                found = blocks, Shape(parent.nodelist, nodes)
            break
    parent._root_blocks = found
    return found


class RootBlocksExtendsNode(ExtendsNode):
    def render(self, context: Context) -> str:
        compiled_parent = self.get_parent(context)
        if BLOCK_CONTEXT_KEY not in context.render_context:
            context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context = context.render_context[BLOCK_CONTEXT_KEY]
        block_context.add_blocks(self.blocks)
        root = _root_blocks(compiled_parent)
        with context.render_context.push_state(compiled_parent, isolated_context=False):
            if root is None:
                return compiled_parent._render(context)
            blocks, shape = root
            block_context.add_blocks(blocks)
            return render_root(compiled_parent, shape, context, block_context)


@register.tag("extends")
def extends(parser: template.base.Parser, token: template.base.Token) -> RootBlocksExtendsNode:
    node = do_extends(parser, token)  # Django's checks and parsing
    return RootBlocksExtendsNode(node.nodelist, node.parent_name, node.template_dirs)
