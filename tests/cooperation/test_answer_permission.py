"""Publishing an answer needs the permission to answer, not only to change."""

import pytest

from cooperation.models import Question
from tests.factories.accounts import make_staff

VN = {"HTTP_HOST": "cn-vn.localhost"}


def answer_as(client, user, question, text: str):
    page = client.get(f"/admin/cooperation/question/{question.pk}/change/", **VN)
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["answer_en"] = text
    return client.post(f"/admin/cooperation/question/{question.pk}/change/", data, **VN)


@pytest.mark.django_db
def test_a_translator_cannot_publish_an_answer(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        question = Question.objects.create(
            name="Asker", email="asker@example.org", language="en", topic="customs",
            question_en="How are durians inspected?",
        )  # fmt: skip
        translator = make_staff("translator")
        client.force_login(translator)

    with django_capture_on_commit_callbacks(execute=True):
        response = answer_as(client, translator, question, "By sampling.")

    assert response.status_code == 302
    with in_site(site_vn):
        question.refresh_from_db()
        assert question.status == Question.Status.OPEN and question.answered_at is None
    assert mailoutbox == []  # the asker is not told
    assert question not in client.get("/en/questions/", **VN).context["questions"]


@pytest.mark.django_db
def test_an_editor_publishes_the_answer(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        question = Question.objects.create(
            name="Asker", email="asker@example.org", language="en", topic="customs",
            question_en="How are mangoes inspected?",
        )  # fmt: skip
        editor = make_staff("editor")
        client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        answer_as(client, editor, question, "By sampling.")

    with in_site(site_vn):
        question.refresh_from_db()
        assert question.status == Question.Status.ANSWERED
    assert [mail.to for mail in mailoutbox] == [["asker@example.org"]]
