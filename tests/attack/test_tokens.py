"""Every link the portal signs or mints is single-use or bound to the account's
state, and opens nothing on another site (issue 12, token tests).

- confirmation links (cooperation.services.accounts): tests/cooperation/test_confirmation.py
  covers single use and state; here, the other site;
- password-reset links (Django's tokens: state-bound to password and last sign-in);
- the invitation a new site's administrator gets from the hub (web.hub_launch):
  a password-reset link of its own site, spent once the password is chosen;
- alert links (alerts.links: confirm, manage, unsubscribe): tests/alerts/test_links.py
  covers other purposes; here, a twin subscription on the other site, and the
  state they are bound to (an alert that ends, or is taken up again, gets new
  links; a used confirmation link opens nothing more);
- registration cancel links (a random token stored in the site's schema);
- the coordinators' feed token (tests/coordination/test_feed_token.py: follows the password).
"""

import re

import pytest
from django.contrib.auth import get_user_model

from cooperation.services.accounts import confirmation_path
from events.services.registration import register
from tests.factories.accounts import PASSWORD, make_member
from tests.factories.events import make_event

VN = {"HTTP_HOST": "cn-vn.localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}


def _same_pk_user_on(site, in_site, pk: int, **fields):
    """A user with primary key ``pk`` on ``site`` (ids are per schema, so
    they overlap between sites: the worst case for a link)."""
    with in_site(site):
        User = get_user_model()
        User.objects.filter(pk=pk).delete()
        return User.objects.create_user(f"twin{pk}@example.org", pk=pk, **fields)


@pytest.mark.django_db
def test_a_confirmation_link_is_refused_on_the_other_site(client, site_vn, site_id, in_site):
    with in_site(site_vn):
        member = make_member()
        member.user.is_active = False
        member.user.save()
        path = confirmation_path(member.user)
    twin = _same_pk_user_on(site_id, in_site, member.user.pk, is_active=False)
    with in_site(site_id):
        from cooperation.models import EnterpriseMember
        from tests.factories.accounts import make_enterprise

        EnterpriseMember.objects.create(user=twin, enterprise=make_enterprise(), language="en")

    assert client.get(path, **ID).status_code == 400
    assert (
        client.post(path, {"new_password1": "x" * 12, "new_password2": "x" * 12}, **ID).status_code
        == 400
    )
    with in_site(site_id):
        twin.refresh_from_db()
        assert not twin.is_active


@pytest.mark.django_db
def test_a_password_reset_link_is_single_use_and_refused_on_the_other_site(
    client, site_vn, site_id, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        member = make_member(email="reset@example.org")
    _same_pk_user_on(site_id, in_site, member.user.pk, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/password/", {"email": "reset@example.org"}, **VN)
    path = re.search(r"http://cn-vn\.localhost(/en/account/password/\S+/)", mailoutbox[0].body)[1]

    elsewhere = client.get(path, follow=True, **ID)
    assert elsewhere.context["validlink"] is False

    form = client.get(path, follow=True, **VN).redirect_chain[-1][0]
    new = {"new_password1": "brand-new-secret-77", "new_password2": "brand-new-secret-77"}
    assert client.post(form, new, **VN).status_code == 302
    again = client.get(path, follow=True, **VN)
    assert again.context["validlink"] is False  # the password changed: the link is spent


@pytest.mark.django_db
def test_a_registration_cancel_link_belongs_to_its_site_and_cancels_once(
    client, site_vn, site_id, in_site
):
    with in_site(site_vn):
        event = make_event(slug="cancel-me")
        registration = register(event=event, name="A", email="a@example.org", language="en")
    path = f"/en/events/registration/{registration.token}/cancel/"

    assert client.get(path, **ID).status_code == 404
    assert client.post(path, **ID).status_code == 404
    with in_site(site_vn):
        registration.refresh_from_db()
        assert registration.status == "confirmed"

    first = client.post(path, **VN)
    with in_site(site_vn):
        registration.refresh_from_db()
        cancelled_at = registration.cancelled_at
    second = client.post(path, **VN)

    assert first.status_code == second.status_code == 302
    with in_site(site_vn):
        registration.refresh_from_db()
        assert registration.status == "cancelled" and registration.cancelled_at == cancelled_at


@pytest.mark.django_db
def test_a_site_admin_invitation_works_once_on_its_own_site_only(
    client, site_vn, site_id, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    from web.hub_launch import invite_site_admin

    with in_site(site_vn):
        admin = get_user_model().objects.create_superuser("new-admin@example.org", password=None)
    _same_pk_user_on(site_id, in_site, admin.pk, password=None, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        invite_site_admin(site_vn, "new-admin@example.org")
    link = re.search(r"http://cn-vn\.localhost(/\S+/account/password/\S+/)", mailoutbox[0].body)
    path = link[1]

    assert client.get(path, follow=True, **ID).context["validlink"] is False
    form = client.get(path, follow=True, **VN).redirect_chain[-1][0]
    chosen = {"new_password1": "site-admin-secret-31", "new_password2": "site-admin-secret-31"}
    assert client.post(form, chosen, **VN).status_code == 302
    assert client.get(path, follow=True, **VN).context["validlink"] is False
    with in_site(site_vn):
        admin.refresh_from_db()
        assert admin.check_password("site-admin-secret-31")


def _path(url: str) -> str:
    return url.split("localhost", 1)[1]


def _active_alert(site, in_site, email="a@example.org", **fields):
    from alerts.models import Subscription

    with in_site(site):
        return Subscription.objects.create(email=email, language="en", status="active", **fields)


def _links(site, in_site, subscription) -> dict:
    from alerts import links

    with in_site(site):
        subscription.refresh_from_db()
        return {
            purpose: _path(links.url(site, subscription, purpose))
            for purpose in (links.MANAGE, links.UNSUBSCRIBE, links.CONFIRM)
        }


def _payload(path: str) -> str:
    """What a signed alert link names (site, alert, secret), without the
    moment it was signed and the signature."""
    return path.rstrip("/").rsplit("/", 1)[1].split(":", 1)[0]


def _manage_payloads(html: str) -> set[str]:
    return {_payload(f"/{link}/") for link in re.findall(r"/alerts/manage/([^/\"]+)/", html)}


def _other_manage_links(response, own: str) -> set[str]:
    """Manage links on a page other than ``own`` (the page's own address in
    each language, in its head and language switcher, holds the same token)."""
    token = own.rstrip("/").rsplit("/", 1)[1]
    found = set(re.findall(r"/alerts/manage/([^/\"]+)/", response.content.decode()))
    return found - {token}


@pytest.mark.django_db
def test_an_unsubscribe_link_ends_its_own_sites_alert_only_and_once(
    client, site_vn, site_id, in_site
):
    from alerts.models import Subscription

    mine = _active_alert(site_vn, in_site)
    path = _links(site_vn, in_site, mine)["unsubscribe"]
    with in_site(site_id):
        Subscription.objects.filter(pk=mine.pk).delete()
        twin = Subscription.objects.create(
            pk=mine.pk, email="a@example.org", language="en", status="active", secret=mine.secret
        )

    assert client.post(path, **ID).status_code == 404  # even the same id and secret
    assert client.post(path, **VN).status_code == 200
    with in_site(site_vn):
        mine.refresh_from_db()
        ended_at = mine.unsubscribed_at
    assert mine.status == "unsubscribed" and ended_at is not None
    replay = client.post(path, **VN)  # a mail provider's retry: told, nothing more
    assert replay.status_code == 200 and "/alerts/manage/" not in replay.content.decode()
    with in_site(site_vn):
        mine.refresh_from_db()
        assert mine.unsubscribed_at == ended_at  # the second post changed nothing
    with in_site(site_id):
        twin.refresh_from_db()
        assert twin.status == "active"


@pytest.mark.django_db
def test_a_manage_link_is_refused_on_the_other_site(client, site_vn, site_id, in_site):
    from alerts.models import Subscription

    mine = _active_alert(site_vn, in_site)
    path = _links(site_vn, in_site, mine)["manage"]
    with in_site(site_id):
        Subscription.objects.filter(pk=mine.pk).delete()
        Subscription.objects.create(
            pk=mine.pk, email="a@example.org", language="en", status="active", secret=mine.secret
        )
    assert client.get(path, **ID).status_code == 404
    assert client.post(path, {"action": "unsubscribe"}, **ID).status_code == 404
    assert client.get(path, **VN).status_code == 200


@pytest.mark.django_db
def test_an_alert_that_ends_takes_its_old_links_with_it(client, site_vn, in_site):
    """The links of every e-mail sent while the alert ran (forwarded digests
    included) stop working once it ends: they cannot start it again, change
    it, or list the address's other alerts."""
    mine = _active_alert(site_vn, in_site)
    _active_alert(site_vn, in_site, query="cashew")  # another alert of the address
    old = _links(site_vn, in_site, mine)

    done = client.post(old["unsubscribe"], **VN)
    assert done.status_code == 200
    # The old manage link says the alert was ended (410 Gone), not that a
    # link expired, and offers a new alert on the same thing: it manages nothing.
    ended = client.get(old["manage"], **VN)
    assert ended.status_code == 410 and not _other_manage_links(ended, old["manage"])
    assert client.get(old["confirm"], **VN).status_code == 404
    # The unsubscribe link stays idempotent (RFC 8058), and leads nowhere.
    for method in (client.get, client.post):
        replay = method(old["unsubscribe"], **VN)
        assert replay.status_code == 200 and "/alerts/manage/" not in replay.content.decode()
    for action in ("resubscribe", "change", "unsubscribe"):
        answer = client.post(old["manage"], {"action": action, "frequency": "daily"}, **VN)
        assert answer.status_code == 410
    with in_site(site_vn):
        mine.refresh_from_db()
        assert mine.status == "unsubscribed" and mine.frequency == "weekly"

    # Whoever just unsubscribed gets a working link to undo it.
    undo = re.search(r'href="https?://[^/"]+(/en/alerts/manage/[^"]+/)"', done.content.decode())[1]
    assert undo != old["manage"]
    page = client.get(undo, **VN).content.decode()
    assert "cashew" in page  # the address's other alerts, for the one who holds the new link


@pytest.mark.django_db
def test_an_alert_taken_up_again_gets_new_links(client, site_vn, in_site):
    mine = _active_alert(site_vn, in_site)
    first = _links(site_vn, in_site, mine)["manage"]

    ended = client.post(first, {"action": "unsubscribe"}, **VN)
    second = ended["Location"]
    assert ended.status_code == 302 and second != first
    assert client.get(first, **VN).status_code == 410  # "this alert was ended"

    unsubscribe_while_ended = _links(site_vn, in_site, mine)["unsubscribe"]
    again = client.post(second, {"action": "resubscribe"}, **VN)
    third = again["Location"]
    assert again.status_code == 302 and third not in (first, second)
    assert client.get(second, **VN).status_code == 404
    assert "Unsubscribe" in client.get(third, **VN).content.decode()
    # A link of the ended state cannot end the state that followed.
    assert client.post(unsubscribe_while_ended, **VN).status_code == 404
    with in_site(site_vn):
        mine.refresh_from_db()
        assert mine.status == "active"


@pytest.mark.django_db
def test_an_alert_set_up_again_after_it_ended_has_links_of_its_own(
    client, site_vn, in_site, django_capture_on_commit_callbacks
):
    from alerts.models import Subscription

    mine = _active_alert(site_vn, in_site, query="rubber")
    old = _links(site_vn, in_site, mine)
    client.post(old["unsubscribe"], **VN)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/alerts/",
            {
                "topic": "search",
                "q": "rubber",
                "frequency": "weekly",
                "language": "en",
                "email": "a@example.org",
            },
            **VN,
        )
    with in_site(site_vn):
        renewed = Subscription.objects.live().get(email="a@example.org")
    assert renewed.pk != mine.pk
    assert client.get(old["manage"], **VN).status_code == 410  # the old one was ended
    client.post(old["unsubscribe"], **VN)  # the old alert's link cannot end the new one
    with in_site(site_vn):
        renewed.refresh_from_db()
        assert renewed.status == "pending"


@pytest.mark.django_db
def test_a_used_confirmation_link_confirms_nothing_more(client, site_vn, in_site):
    from alerts.models import Subscription

    with in_site(site_vn):
        pending = Subscription.objects.create(email="p@example.org", language="en")
    old = _links(site_vn, in_site, pending)
    confirm = old["confirm"]

    first = client.post(confirm, **VN)
    assert first.status_code == 200 and "/alerts/manage/" in first.content.decode()
    replay = client.post(confirm, **VN)
    # Said to be used; it leads to the manage link the confirmation e-mail
    # itself carries (no key the mailbox does not hold already), and dies
    # with the alert's state.
    # The same link, but for the second it was signed in (signed links carry a
    # timestamp): compared by what it names.
    assert replay.status_code == 200
    assert _payload(old["manage"]) in _manage_payloads(replay.content.decode())
    with in_site(site_vn):
        assert Subscription.objects.get(pk=pending.pk).status == "active"
    client.post(old["unsubscribe"], **VN)
    assert client.get(confirm, **VN).status_code == 404


@pytest.mark.django_db
def test_an_ended_alerts_manage_link_says_so_and_offers_the_same_alert_again(
    client, site_id, in_site
):
    """Read in Indonesian: "this alert was ended", no word of expired
    confirmation links, and a way to set up the same alert again (the
    subscribe form filled in with what it followed, not with the address:
    a forwarded digest's reader is not its owner)."""
    from alerts.models import Subscription

    with in_site(site_id):
        mine = Subscription.objects.create(
            email="a@example.org", language="id", status="active", query="kopi",
            kind="opportunity", product="0901", value="listing_type=demand",
        )  # fmt: skip
    old = _links(site_id, in_site, mine)
    client.post(old["unsubscribe"], **ID)

    page = client.get(old["manage"], **ID)
    html = page.content.decode()
    assert page.status_code == 410
    assert "kedaluwarsa" not in html and "berlaku tujuh hari" not in html
    assert "Peringatan ini sudah dihentikan" in html
    again = re.search(r'href="(/id/alerts/\?[^"]+)"', html)[1].replace("&amp;", "&")
    for part in ("q=kopi", "type=opportunity", "product=0901", "within_listing_type=demand"):
        assert part in again
    assert "a%40example.org" not in again and "a@example.org" not in html
    form = client.get(again, **ID).context["form"]
    assert form["q"].value() == "kopi" and form["within_listing_type"].value() == "demand"
    # The one-click link's replay offers the same.
    replay = client.get(old["unsubscribe"], **ID).content.decode()
    assert re.search(r'href="/id/alerts/\?[^"]*q=kopi', replay)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"topic": "bulletin"}, "topic=bulletin"),
        ({"topic": "listing_type", "value": "supply"}, "topic=listing_type&amp;value=supply"),
    ],
)
def test_an_ended_topic_alert_offers_its_topic_again(client, site_id, in_site, fields, expected):
    from alerts.models import Subscription

    with in_site(site_id):
        mine = Subscription.objects.create(
            email="b@example.org", language="id", status="active", **fields
        )
    old = _links(site_id, in_site, mine)
    client.post(old["unsubscribe"], **ID)
    assert f"/id/alerts/?{expected}" in client.get(old["manage"], **ID).content.decode()


@pytest.mark.django_db
def test_a_page_opened_by_a_private_link_is_never_stored(
    client, site_vn, in_site, django_capture_on_commit_callbacks
):
    """It shows its addressee's data (their address, their name, their
    enterprise): stored, a copy sat in the shared page cache for anyone who
    held the link, and any cache between may keep it (attack review, session
    27). Each is asked twice by a visitor the page cache serves."""
    from alerts import links
    from alerts.models import Subscription

    with django_capture_on_commit_callbacks(execute=True), in_site(site_vn):
        member = make_member(email="mallory@example.org")
        member.user.is_active = False
        member.user.save()
        event = make_event(slug="private-links")
        registration = register(event=event, name="Ann Lee", email="ann@example.org", language="en")
        pending = Subscription.objects.create(email="p@example.org", language="en")
        active = Subscription.objects.create(email="a@example.org", language="en", status="active")
    with in_site(site_vn):
        confirmation = confirmation_path(member.user)
    paths = [
        confirmation,
        f"/en/events/registration/{registration.token}/cancel/",
        _links(site_vn, in_site, pending)[links.CONFIRM],
        _links(site_vn, in_site, active)[links.MANAGE],
        _links(site_vn, in_site, active)[links.UNSUBSCRIBE],
    ]

    for path in paths:
        first, second = client.get(path, **VN), client.get(path, **VN)
        assert first.status_code == second.status_code == 200, path
        assert "no-store" in first["Cache-Control"], path
        assert second["X-Page-Cache"] != "hit", path
