"""The events list's Atom feed, per site and language: the upcoming events
(of one type, as the list is filtered: ``?type=trade_fair``), newest
announced first, each saying when, in the reader's language and the site's
time zone, and where. The list's calendar (.ics) is for calendar apps; this
is for feed readers, as every other list has."""

from django.http import HttpRequest

from events.models import Event
from events.services.join_link import where_to_join
from events.services.lists import asked_kind, listed_events
from events.templatetags.events_tags import event_when
from translations.fallback import fallback_chain, shown_text
from web.feeds import SiteFeed

FEED_ITEMS = 30


class EventFeed(SiteFeed):
    heading = "Events"
    list_url_name = "event_list"

    def get_object(self, request: HttpRequest, *args, **kwargs):
        super().get_object(request, *args, **kwargs)
        self.chain = fallback_chain(self.site, self.language_code)
        self.kind = asked_kind(request.GET)
        return None

    def title(self) -> str:
        heading = super().title()
        return f"{heading} · {Event.Kind(self.kind).label}" if self.kind else heading

    def items(self):
        events = listed_events(archive=False, kind=self.kind)
        return events.order_by("-created_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item: Event) -> str:
        title = shown_text(item, "title", self.chain).text
        if item.status != Event.Status.SCHEDULED:
            return f"{title} ({item.get_status_display()})"
        return title

    def item_description(self, item: Event) -> str:
        venue = shown_text(item, "venue", self.chain).text
        summary = shown_text(item, "summary", self.chain).text
        when = " · ".join(part for part in (event_when(item), venue) if part)
        return "\n".join(part for part in (when, summary, where_to_join(item)) if part)

    def item_pubdate(self, item: Event):
        return item.created_at

    def item_updateddate(self, item: Event):
        return item.updated_at


def event_feed(request: HttpRequest, *args, **kwargs):
    return EventFeed()(request, *args, **kwargs)
