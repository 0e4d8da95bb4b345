"""The weekly bulletin: its archive on the site, its feed, and the editors' page."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from alerts.forms import BulletinForm
from alerts.jobs import run_site
from alerts.models import Bulletin
from alerts.services import bulletins
from alerts.services.items import displayed
from web.feeds import SiteFeed
from web.pagination import numbered
from web.permissions import object_for, require_perm

WEEK = re.compile(r"^\d{4}-W\d{2}$")
# Translators hold the first (they translate the introduction); editors all three.
EDIT_PERM = "alerts.change_bulletin"
ARRANGE_PERM = "alerts.change_bulletinitem"
SEND_PERM = "alerts.send_bulletin"


def _archived():
    return Bulletin.objects.sent().filter(items__included=True).distinct().order_by("-starts_on")


@require_safe
def bulletin_list(request: HttpRequest) -> HttpResponse:
    pager = numbered(request, _archived())
    return render(request, "alerts/bulletin_list.html", {"pager": pager, "bulletins": pager.items})


@require_safe
def bulletin_detail(request: HttpRequest, week: str) -> HttpResponse:
    if not WEEK.match(week):
        raise Http404
    bulletin = get_object_or_404(_archived(), week=week)
    shown = bulletins.contents(request.tenant, bulletin, translation.get_language())
    return render(
        request,
        "alerts/bulletin_detail.html",
        {"bulletin": bulletin, "shown": shown, "items": displayed(shown["items"])},
    )


class BulletinFeed(SiteFeed):
    heading = "Weekly bulletin"
    list_url_name = "bulletin_list"

    def title(self) -> str:
        return f"{self.site.name} · {_('Weekly bulletin')}"

    def items(self):
        return _archived()[:20]

    def item_title(self, item: Bulletin) -> str:
        return _("Bulletin of %(week)s") % {"week": item.week}

    def item_description(self, item: Bulletin) -> str:
        shown = bulletins.contents(self.site, item, self.language_code)
        return render_to_string(
            "alerts/includes/bulletin_feed_item.html",
            {"shown": shown, "items": displayed(shown["items"])},
        )

    def item_link(self, item: Bulletin) -> str:
        return bulletins.archive_url(self.site, item, self.language_code)

    def item_pubdate(self, item: Bulletin):
        return item.sent_at


def bulletin_feed(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return BulletinFeed()(request, *args, **kwargs)


@require_safe
@login_required(login_url="account_login")
def bulletin_desk(request: HttpRequest) -> HttpResponse:
    """The bulletins, the one being prepared first; last week's is assembled
    on the spot if the job has not run yet."""
    require_perm(request, EDIT_PERM)
    site = request.tenant
    with transaction.atomic():
        bulletins.assemble(site, bulletins.last_week(site, timezone.now()))
    pager = numbered(request, Bulletin.objects.order_by("-starts_on"))
    return render(request, "alerts/bulletin_desk.html", {"pager": pager, "bulletins": pager.items})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="account_login")
def bulletin_edit(request: HttpRequest, week: str) -> HttpResponse:
    if not WEEK.match(week):
        raise Http404
    bulletin = object_for(request, Bulletin, EDIT_PERM, week=week)
    site = request.tenant
    language = translation.get_language()
    items = list(bulletin.items.all())
    may_arrange = request.user.has_perm(ARRANGE_PERM)
    form = BulletinForm(
        request.POST or None, site=site, bulletin=bulletin, items=items, may_arrange=may_arrange
    )
    draft = bulletin.status == Bulletin.Status.DRAFT
    if request.method == "POST":
        if not draft:
            messages.error(request, _("This bulletin has been sent: it can no longer change."))
            return redirect("bulletin_edit", week=week)
        action = request.POST.get("action", "save")
        if action == "refresh":
            require_perm(request, ARRANGE_PERM)
            with transaction.atomic():
                bulletins.assemble(site, bulletin.starts_on)
            messages.success(request, _("New items of the week have been added at the end."))
            return redirect("bulletin_edit", week=week)
        if form.is_valid():
            with transaction.atomic():
                bulletins.save_edits(bulletin, form)
            if action == "send":
                require_perm(request, SEND_PERM)
                bulletins.schedule_now(bulletin)
                run_site.enqueue(site.code)
                messages.success(
                    request,
                    _("The bulletin goes out with the next run of the job runner, within minutes."),
                )
            else:
                messages.success(request, _("The bulletin has been saved."))
            return redirect("bulletin_edit", week=week)
    shown = bulletins.contents(site, bulletin, language, every=True)
    rows = [
        {"item": item, "shown": shown["by_key"].get((item.kind, item.object_id))} for item in items
    ]
    return render(
        request,
        "alerts/bulletin_edit.html",
        {
            "bulletin": bulletin,
            "form": form,
            "rows": rows,
            "draft": draft,
            "may_arrange": may_arrange,
            "may_send": request.user.has_perm(SEND_PERM),
        },
        status=400 if form.errors else 200,
    )
