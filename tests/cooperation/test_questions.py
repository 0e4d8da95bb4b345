import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cooperation.models import Question, TopicOwner
from tests.factories.accounts import make_staff


def ask(client, language="vi", **overrides):
    data = {"name": "Phạm Minh", "email": "minh@example.com", "country": "VN", "topic": "customs",
            "text": "Thủ tục nhập khẩu sầu riêng đông lạnh như thế nào?"}  # fmt: skip
    data.update(overrides)
    return client.post(f"/{language}/questions/ask/", data, HTTP_HOST="cn-vn.localhost")


@pytest.mark.django_db
def test_question_is_routed_answered_and_published_with_mails_in_each_language(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        official = get_user_model().objects.create_superuser(
            "official", "customs@example.gov", "pw-123456789"
        )
        TopicOwner.objects.create(topic="customs", email="customs@example.gov")

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client)
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["minh@example.com"], ["customs@example.gov"]]
    with in_site(site_vn):
        reference = Question.objects.get(email="minh@example.com").reference
    assert reference.startswith("Q-") and reference in mailoutbox[0].subject
    assert "Cảm ơn bạn đã gửi câu hỏi" in mailoutbox[0].body
    assert f"Mã tham chiếu của bạn: {reference}." in mailoutbox[0].body
    # To officials, in the site's default language, with the reference too.
    assert mailoutbox[1].subject == f"新问题：海关与标准 ({reference})"
    # The asker is told the reference and what happens next.
    page = client.get("/vi/questions/", HTTP_HOST="cn-vn.localhost").content.decode()
    assert f"Câu hỏi của bạn có mã {reference}." in page and "minh@example.com" in page
    assert (
        "Thủ tục nhập khẩu sầu riêng đông lạnh như thế nào?"
        not in client.get("/vi/questions/", HTTP_HOST="cn-vn.localhost").content.decode()
    )

    with in_site(site_vn):
        question = Question.objects.get(email="minh@example.com")
        client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            f"/admin/cooperation/question/{question.pk}/change/",
            {
                "topic": "customs",
                "is_public": "on",
                "question_zh_hans": "",
                "question_vi": question.question_vi,
                "question_en": "",
                "answer_zh_hans": "需提供冷冻食品注册和检疫证书。",
                "answer_vi": "",
                "answer_en": "",
            },
            HTTP_HOST="cn-vn.localhost",
        )
    assert saved.status_code == 302
    answered = mailoutbox[-1]
    assert answered.to == ["minh@example.com"]
    assert answered.subject.startswith("Câu hỏi của bạn gửi")  # Vietnamese, the asker's language
    assert (
        "需提供冷冻食品注册和检疫证书。" in answered.body
    )  # no Vietnamese answer yet: the Chinese one
    listing = client.get("/vi/questions/", HTTP_HOST="cn-vn.localhost").content.decode()
    assert "Thủ tục nhập khẩu sầu riêng đông lạnh như thế nào?" in listing


@pytest.mark.django_db
def test_desk_shows_waiting_and_overdue_questions_to_editors_only(client, site_vn, in_site):
    with in_site(site_vn):
        recent = Question.objects.create(
            name="A", email="a@example.com", language="vi", topic="other", question_vi="Câu hỏi mới"
        )
        old = Question.objects.create(
            name="B", email="b@example.com", language="vi", topic="other", question_vi="Câu hỏi cũ"
        )
        Question.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=site_vn.response_days + 1)
        )
        client.force_login(make_staff())
    refused = client.get("/vi/editor/questions/", HTTP_HOST="cn-vn.localhost")
    with in_site(site_vn):
        client.force_login(make_staff("editor"))

    page = client.get("/vi/editor/questions/", HTTP_HOST="cn-vn.localhost")

    assert refused.status_code == 403  # staff, but not allowed to read questions

    assert page.context["overdue_ids"] == {old.pk}
    assert [q.pk for q in page.context["waiting"]] == [old.pk, recent.pk]
    assert "Đang chờ: 2. Quá hạn 5 ngày: 1." in page.content.decode()


@pytest.mark.django_db
def test_bad_question_re_renders_in_the_users_language_and_saves_nothing(client, site_id, in_site):
    response = client.post(
        "/id/questions/ask/",
        {"name": "Budi", "email": "bukan-surel", "topic": "nope", "text": "x" * 5000},
        HTTP_HOST="cn-id.localhost",
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"email", "topic", "text"}
    with in_site(site_id):
        assert not Question.objects.filter(name="Budi").exists()


@pytest.mark.django_db
def test_published_answers_are_public_and_searchable(client, site_id):
    page = client.get("/id/questions/", HTTP_HOST="cn-id.localhost").content.decode()
    found = client.get(
        "/id/search/?q=sertifikat+buah+segar&type=question", HTTP_HOST="cn-id.localhost"
    ).context["results"]

    assert "Sertifikat apa yang diperlukan untuk ekspor buah segar ke Tiongkok?" in page
    assert [r.title for r in found] == [
        "Sertifikat apa yang diperlukan untuk ekspor buah segar ke Tiongkok?"
    ]


@pytest.mark.django_db
def test_an_address_longer_than_a_question_keeps_is_refused_in_the_readers_language(
    client, site_vn, in_site
):
    """Django's form field takes 320 characters, the question's column 254:
    the rest reached the database as a 500."""
    with in_site(site_vn):
        before = Question.objects.count()

    response = ask(client, email="a" * 280 + "@example.org")

    assert response.status_code == 400
    assert "tối đa 254 kí tự" in " ".join(response.context["form"].errors["email"])
    with in_site(site_vn):
        assert Question.objects.count() == before


@pytest.mark.django_db
def test_a_question_goes_nowhere_until_its_asker_chooses_a_topic(client, site_vn, in_site):
    """The topic list opened on its first topic: a question sent without
    touching it went to that topic's officials (newcomer walk-through,
    session 27)."""
    page = client.get("/vi/questions/ask/", HTTP_HOST="cn-vn.localhost").content.decode()
    assert '<option value="" selected>Chọn một chủ đề</option>' in page
    with in_site(site_vn):
        before = Question.objects.count()

    response = ask(client, topic="")

    assert response.status_code == 400
    assert "Trường này là bắt buộc." in " ".join(response.context["form"].errors["topic"])
    with in_site(site_vn):
        assert Question.objects.count() == before


@pytest.mark.django_db
def test_the_officials_mail_links_to_the_question_itself(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    """It linked to the list of every question (newcomer walk-through,
    session 27): the official had to find it there."""
    with in_site(site_vn):
        TopicOwner.objects.create(topic="customs", email="customs@example.gov")

    with django_capture_on_commit_callbacks(execute=True):
        ask(client)

    with in_site(site_vn):
        question = Question.objects.get(email="minh@example.com")
    (routed,) = [m for m in mailoutbox if m.to == ["customs@example.gov"]]
    assert f"http://cn-vn.localhost/admin/cooperation/question/{question.pk}/change/" in routed.body
