"""``{% extends %}`` (web/templatetags/root_blocks.py): Django's inheritance,
with the root template's blocks listed once per compiled template."""

from django.template import Context, engines
from django.template.base import NodeList

from web.templatetags.root_blocks import RootBlocksExtendsNode

ROOT = "<{% block title %}root{% endblock %}|{% block body %}{% if x %}{% block inner %}in{% endblock %}{% endif %}{% endblock %}>"
MIDDLE = "{% extends root %}{% block title %}mid {{ block.super }}{% endblock %}"
CHILD = "{% extends middle %}{% block inner %}child {{ block.super }}{% endblock %}"


def test_three_levels_render_as_django_does_and_the_root_is_walked_once(monkeypatch):
    root, middle, child = (engines["django"].from_string(s).template for s in (ROOT, MIDDLE, CHILD))
    assert isinstance(child.nodelist[0], RootBlocksExtendsNode)
    walked = []
    walk = NodeList.get_nodes_by_type
    monkeypatch.setattr(
        NodeList, "get_nodes_by_type", lambda self, t: walked.append(self) or walk(self, t)
    )
    for x, html in (
        (True, "<mid root|child in>"),
        (False, "<mid root|>"),
        (True, "<mid root|child in>"),
    ):
        assert child.render(Context({"root": root, "middle": middle, "x": x})) == html
    assert sum(nodes is root.nodelist for nodes in walked) == 1  # Django: once per render
