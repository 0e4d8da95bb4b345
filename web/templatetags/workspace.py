"""``{% workspace_nav %}``: the workspace pages the signed-in person may open."""

from django import template
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext as _

from web import workspace

register = template.Library()


@register.inclusion_tag("web/workspace/nav.html", takes_context=True)
def workspace_nav(context) -> dict:
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match else ""
    pages = [
        {
            "label": _("Waiting for you"),
            "url": reverse("workspace"),
            "current": current == "workspace",
        }
    ]
    pages += [
        {
            "label": page.label,
            "url": reverse(page.url_name),
            # A page's own steps ("workspace_people_withdraw") keep it marked.
            "current": current == page.url_name or current.startswith(f"{page.url_name}_"),
        }
        for page in workspace.pages_for(request.user)
    ]
    if admin.site.get_app_list(request):
        # Where events, news and listings are edited: Django's own name for
        # it, in every language Django speaks.
        pages.append(
            {"label": _("Site administration"), "url": reverse("admin:index"), "current": False}
        )
    current_page = next((page for page in pages if page["current"]), None)
    return {"pages": pages, "current_label": current_page["label"] if current_page else ""}
