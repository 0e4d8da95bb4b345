"""Matchmaking: interest and meeting requests, answers, e-mails, dashboards, figures."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cooperation.models import MatchRequest, Opportunity
from tests.factories.accounts import make_enterprise, make_member
from tests.factories.opportunities import make_listing

HOST = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.fixture
def pair(site_vn, in_site):
    """A Chinese buyer (writes in Chinese) and a Vietnamese seller (in Vietnamese)
    whose approved listing the buyer can answer."""
    with in_site(site_vn):
        buyer = make_member(
            make_enterprise(names={"zh-hans": "南宁果品进口公司"}, country="CN", sectors=["G"]),
            language="zh-hans",
        )
        seller = make_member(
            make_enterprise(names={"vi": "Hợp tác xã Vải Thanh Hà"}, country="VN", sectors=["A"]),
            language="vi",
        )
        listing = Opportunity.objects.create(
            kind="supply", title_vi="Vải thiều Thanh Hà", description_vi="Vụ tháng sáu.",
            sector="A", country="VN", valid_until=timezone.localdate() + datetime.timedelta(days=30),
            company="HTX Vải Thanh Hà", contact_name="Lan", contact_email="lan@example.vn",
            language="vi", status="approved", enterprise=seller.enterprise,
        )  # fmt: skip
    return buyer, seller, listing


def sign_in(client, site, in_site, person) -> None:
    """``person``: an enterprise member or a plain user."""
    with in_site(site):
        client.force_login(getattr(person, "user", person))


@pytest.mark.django_db
def test_interest_is_answered_and_both_sides_hear_in_their_language(
    client, site_vn, in_site, pair, mailoutbox, django_capture_on_commit_callbacks
):
    buyer, seller, listing = pair
    sign_in(client, site_vn, in_site, buyer)

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            f"/zh-hans/opportunities/{listing.pk}/interest/",
            {"message": "我们每周需要两个集装箱。"},
            **HOST,
        )

    assert sent.status_code == 302 and sent["Location"] == "/zh-hans/account/"
    (to_seller,) = mailoutbox
    assert to_seller.to == [seller.user.email]
    assert to_seller.subject == "南宁果品进口公司 quan tâm đến tin của bạn"
    assert "quan tâm đến tin “Vải thiều Thanh Hà” của bạn" in to_seller.body
    assert "/vi/account/" in to_seller.body
    with in_site(site_vn):
        request = MatchRequest.objects.get(sender=buyer.enterprise)
        assert (request.recipient, request.sector, request.status) == (
            seller.enterprise,
            "A",
            "pending",
        )

    sign_in(client, site_vn, in_site, seller)
    waiting = client.get("/vi/account/", **HOST).content.decode()
    assert "我们每周需要两个集装箱。" in waiting and buyer.user.email not in waiting
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/vi/account/requests/{request.pk}/answer/",
            {"decision": "accept", "reply": "Xin mời sang thăm vườn."},
            **HOST,
        )

    to_buyer = mailoutbox[-1]
    assert to_buyer.to == [buyer.user.email]
    assert to_buyer.subject == "Hợp tác xã Vải Thanh Hà已接受您的请求"
    assert "现在双方都可以在账户中看到对方的联系方式" in to_buyer.body
    assert "Xin mời sang thăm vườn." in to_buyer.body
    matched = client.get("/vi/account/", **HOST).content.decode()
    assert buyer.user.email in matched  # contacts are shown once accepted


@pytest.mark.django_db
def test_meeting_request_with_a_past_date_or_to_oneself_is_refused(client, site_vn, in_site, pair):
    buyer, seller, _listing = pair
    sign_in(client, site_vn, in_site, buyer)
    url = f"/vi/enterprises/{seller.enterprise.slug}/meet/"

    past = client.post(url, {"message": "Gặp nhé", "proposed_date": "2001-01-01"}, **HOST)
    malformed = client.post(url, {"message": "Gặp nhé", "proposed_date": "32/13/2027"}, **HOST)
    huge = client.post(url, {"message": "x" * 10_000}, **HOST)
    own = client.post(f"/vi/enterprises/{buyer.enterprise.slug}/meet/", {"message": "Chào"}, **HOST)

    assert past.status_code == 400 and "Ngày không được ở trong quá khứ." in past.content.decode()
    assert malformed.status_code == 400 and "Nhập một ngày hợp lệ" in malformed.content.decode()
    assert huge.status_code == 400
    assert own.status_code == 400
    assert "chính doanh nghiệp của mình" in own.content.decode()
    with in_site(site_vn):
        assert not MatchRequest.objects.filter(sender=buyer.enterprise).exists()


@pytest.mark.django_db
def test_a_second_open_request_is_refused_and_only_the_recipient_answers(
    client, site_vn, in_site, pair
):
    buyer, _seller, listing = pair
    sign_in(client, site_vn, in_site, buyer)
    url = f"/vi/opportunities/{listing.pk}/interest/"
    client.post(url, {"message": "Lần một"}, **HOST)
    again = client.post(url, {"message": "Lần hai"}, **HOST)
    with in_site(site_vn):
        request = MatchRequest.objects.get(sender=buyer.enterprise)

    by_sender = client.post(
        f"/vi/account/requests/{request.pk}/answer/", {"decision": "accept"}, **HOST
    )

    assert again.status_code == 400 and "đang chờ doanh nghiệp này" in again.content.decode()
    assert by_sender.status_code == 404
    with in_site(site_vn):
        request.refresh_from_db()
        assert request.status == "pending"


@pytest.mark.django_db
def test_answering_twice_and_withdrawing_an_answered_request_are_refused(
    client, site_vn, in_site, pair
):
    buyer, seller, listing = pair
    with in_site(site_vn):
        request = MatchRequest.objects.create(
            kind="interest", sender=buyer.enterprise, recipient=seller.enterprise,
            opportunity=listing, sector="A", message="Hello",
        )  # fmt: skip
    sign_in(client, site_vn, in_site, seller)
    answer_url = f"/vi/account/requests/{request.pk}/answer/"
    client.post(answer_url, {"decision": "decline"}, **HOST)
    second = client.post(answer_url, {"decision": "accept"}, follow=True, **HOST)
    nonsense = client.post(answer_url, {"decision": "maybe"}, follow=True, **HOST)
    sign_in(client, site_vn, in_site, buyer)
    withdrawn = client.post(f"/vi/account/requests/{request.pk}/withdraw/", follow=True, **HOST)

    assert "Yêu cầu này đã được trả lời." in second.content.decode()
    assert "Hãy chọn chấp nhận hoặc từ chối." in nonsense.content.decode()
    assert "không thể rút lại nữa" in withdrawn.content.decode()
    with in_site(site_vn):
        request.refresh_from_db()
        assert request.status == "declined"


@pytest.mark.django_db
def test_officials_see_counts_per_sector_and_country(client, site_vn, site_id, in_site, pair):
    buyer, seller, listing = pair
    with in_site(site_id):
        other_site_before = MatchRequest.objects.count()
    with in_site(site_vn):
        # The demo's requests about agriculture, before this one.
        demo = MatchRequest.objects.filter(sector="A")
        demo_requests, demo_accepted = demo.count(), demo.filter(status="accepted").count()
        MatchRequest.objects.create(
            kind="interest", sender=buyer.enterprise, recipient=seller.enterprise,
            opportunity=listing, sector="A", message="1", status="accepted",
        )  # fmt: skip
        editor = get_user_model().objects.create_user("editor@example.org", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(client, site_vn, in_site, buyer)
    assert client.get("/en/editor/matchmaking/", **HOST).status_code == 403

    sign_in(client, site_vn, in_site, editor)
    page = client.get("/en/editor/matchmaking/", **HOST)
    account = client.get("/vi/account/", **HOST).content.decode()
    assert "Vai trò: Biên tập viên" in account and "/vi/editor/matchmaking/" in account

    rows = {row["code"]: row for row in page.context["statistics"]["by_sector"]}
    # The demo's requests and this one (accepted), all about agriculture.
    assert demo_accepted >= 1
    assert rows["A"]["requests"] == demo_requests + 1
    assert rows["A"]["accepted"] == demo_accepted + 1
    assert rows["A"]["label"].startswith("Agriculture")
    pairs = {
        (r["from_country"], r["to_country"]) for r in page.context["statistics"]["by_countries"]
    }
    assert ("CN", "VN") in pairs
    with in_site(site_id):
        other_site_figures = MatchRequest.objects.count()
    assert other_site_figures == other_site_before  # its own demo requests only


@pytest.mark.django_db
def test_dashboard_queries_are_bounded(
    client, site_vn, in_site, pair, django_assert_max_num_queries
):
    _buyer, seller, _listing = pair
    with in_site(site_vn):
        for number in range(8):
            other = make_member(make_enterprise(country="CN"), language="zh-hans")
            MatchRequest.objects.create(
                kind="meeting", sender=other.enterprise, recipient=seller.enterprise,
                sector="A", message=f"Request {number}",
                status="accepted" if number % 2 else "pending",
            )  # fmt: skip
    sign_in(client, site_vn, in_site, seller)

    # Domain, session, user, membership, requests, the members and users of
    # senders and of recipients, listings, event registrations, questions:
    # twelve, whatever the number of requests.
    with django_assert_max_num_queries(2 * 12):
        response = client.get("/vi/account/", **HOST)

    assert response.status_code == 200
    assert response.content.decode().count("Request ") == 8


@pytest.mark.django_db
def test_an_enterprise_nobody_can_be_told_of_is_not_sent_requests(
    client, site_vn, in_site, pair, mailoutbox
):
    """No account and no public address: a request reached nobody, while its
    sender was told they would hear when it was answered (newcomer
    walk-through, session 27). The page says so before anything is typed."""
    buyer, _seller, _listing = pair
    with in_site(site_vn):
        silent = make_enterprise(names={"vi": "Công ty Im Lặng"})
        listing = make_listing(texts={"vi": ("Gạo", "Gạo mới.")}, enterprise=silent)
    sign_in(client, site_vn, in_site, buyer)
    said = "chưa thể liên hệ qua cổng"

    for url in (
        f"/vi/enterprises/{silent.slug}/meet/",
        f"/vi/opportunities/{listing.pk}/interest/",
    ):
        page = client.get(url, **HOST)
        assert page.status_code == 200 and said in page.content.decode(), url
        assert 'method="post"' not in page.content.decode().split("<main", 1)[1], url
        sent = client.post(url, {"message": "Xin chào"}, **HOST)
        assert sent.status_code == 400 and said in sent.content.decode(), url
    with in_site(site_vn):
        assert not MatchRequest.objects.filter(recipient=silent).exists()
    assert mailoutbox == []
