"""Every custom admin action says what it did, with counts, in the admin's
language: approving listings empties the "pending" list, and without a
message nobody knows whether it worked."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from cooperation.models import Enterprise, Opportunity
from events.models import Event
from events.services import cohosting
from languages.formatting import format_number
from tests.factories.accounts import make_enterprise
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing

VN = {"HTTP_HOST": "cn-vn.localhost", "HTTP_ACCEPT_LANGUAGE": "vi"}
ID = {"HTTP_HOST": "cn-id.localhost", "HTTP_ACCEPT_LANGUAGE": "id"}


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def run_action(client, path: str, action: str, pks: list[int], host: dict) -> list[str]:
    response = client.post(
        path, {"action": action, "_selected_action": [str(pk) for pk in pks]}, follow=True, **host
    )
    assert response.status_code == 200
    return shown_messages(response)


def say(language: str, singular: str, plural: str, count: int) -> str:
    with translation.override(language):
        return ngettext(singular, plural, count) % {"count": format_number(count, language)}


@pytest.mark.django_db
def test_moderating_listings_says_how_many_were_approved_or_rejected(
    admin_client_for, site_vn, in_site
):
    client = admin_client_for(site_vn)
    with in_site(site_vn):
        pending = [
            make_listing(texts={"vi": (f"Cần mua tiêu {n}", "Tiêu đen")}, status="pending").pk
            for n in range(3)
        ]
        already = make_listing(texts={"vi": ("Đã duyệt", "Tiêu")}).pk
    path = "/admin/cooperation/opportunity/"

    approved = run_action(client, path, "approve", [*pending[:2], already], VN)
    assert approved == [
        say("vi", "%(count)s listing approved: it is public now.",
            "%(count)s listings approved: they are public now.", 2),
        say("vi", "%(count)s listing was approved already and was left as it was.",
            "%(count)s listings were approved already and were left as they were.", 1),
    ]  # fmt: skip
    rejected = run_action(client, path, "reject", [pending[2]], VN)
    assert rejected == [
        say("vi", "%(count)s listing rejected: it is not public.",
            "%(count)s listings rejected: they are not public.", 1),
    ]  # fmt: skip
    with in_site(site_vn):
        statuses = dict(Opportunity.objects.filter(pk__in=pending).values_list("pk", "status"))
    assert [statuses[pk] for pk in pending] == ["approved", "approved", "rejected"]


@pytest.mark.django_db
def test_listing_enterprises_counts_them_in_the_right_grammatical_number(
    admin_client_for, site_vn, in_site
):
    client = admin_client_for(site_vn)
    with in_site(site_vn):
        waiting = make_enterprise(awaiting_review=True, is_listed=False).pk
        listed = make_enterprise().pk
    shown = run_action(client, "/admin/cooperation/enterprise/", "approve_enterprises",
                       [waiting, listed], VN)  # fmt: skip
    assert shown == [
        say("vi", "%(count)s enterprise listed; its people were told by e-mail.",
            "%(count)s enterprises listed; their people were told by e-mail.", 1),
        say("vi", "%(count)s enterprise was not waiting for review and was left as it was.",
            "%(count)s enterprises were not waiting for review and were left as they were.", 1),
    ]  # fmt: skip
    with in_site(site_vn):
        assert Enterprise.objects.get(pk=waiting).is_listed


@pytest.mark.django_db
def test_declining_cohosting_says_how_many_in_the_admins_language(
    admin_client_for, site_vn, site_id, in_site
):
    with in_site(site_vn):
        make_event(titles={"en": "Joint forum"}, slug="joint-forum", cohost_codes=["cn-id"])
    with in_site(site_id):
        copy = Event.objects.get(slug="joint-forum").pk
        own = make_event(titles={"en": "Own fair"}, slug="own-fair").pk
    client = admin_client_for(site_id)
    shown = run_action(client, "/admin/events/event/", "decline_cohosting", [copy, own], ID)
    with translation.override("id"):
        left = translation.gettext(
            "Only events co-hosted from another site can be declined; this site's own were left."
        )
    assert shown == [
        say("id", "%(count)s co-hosted event declined; its copy here is removed.",
            "%(count)s co-hosted events declined; their copies here are removed.", 1),
        left,
    ]  # fmt: skip
    assert cohosting  # the service the action calls


@pytest.mark.django_db
def test_counts_hold_on_a_list_filtered_on_the_state_the_action_changes(
    admin_client_for, site_vn, in_site
):
    """The editor works from "pending" and "awaiting review": after the action
    those filters match nothing, which must not turn into "-1 left"."""
    client = admin_client_for(site_vn)
    with in_site(site_vn):
        pending = [
            make_listing(texts={"vi": (f"Cần bán gạo {n}", "Gạo")}, status="pending").pk
            for n in range(2)
        ]
        waiting = make_enterprise(awaiting_review=True, is_listed=False).pk
    listings = "/admin/cooperation/opportunity/?status__exact=pending"
    assert run_action(client, listings, "approve", pending, VN) == [
        say("vi", "%(count)s listing approved: it is public now.",
            "%(count)s listings approved: they are public now.", 2),
    ]  # fmt: skip
    enterprises = "/admin/cooperation/enterprise/?awaiting_review__exact=1"
    assert run_action(client, enterprises, "approve_enterprises", [waiting], VN) == [
        say("vi", "%(count)s enterprise listed; its people were told by e-mail.",
            "%(count)s enterprises listed; their people were told by e-mail.", 1),
    ]  # fmt: skip
