"""An archived site reads as before but takes no submissions."""

import pytest
from django.contrib.auth import get_user_model

from cooperation.models import Question

HOST = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.mark.django_db
def test_an_archived_site_reads_but_refuses_posts_in_the_readers_language(client, site_vn, in_site):
    site_vn.status = site_vn.Status.ARCHIVED
    site_vn.save()
    with in_site(site_vn):
        get_user_model().objects.create_superuser("official", "o@example.org", "pw-123456789")

    page = client.get("/vi/questions/ask/", **HOST)
    posted = client.post(
        "/vi/questions/ask/",
        {"name": "An", "email": "an@example.com", "topic": "trade", "text": "Xin hỏi?"},
        **HOST,
    )
    admin = client.post(
        "/admin/login/", {"username": "official", "password": "pw-123456789"}, **HOST
    )

    assert page.status_code == 200 and "notice--archived" in page.content.decode()
    assert posted.status_code == 403
    assert "Trang này không còn nhận" in posted.content.decode()
    assert admin.status_code == 302  # officials can still sign in to the admin
    with in_site(site_vn):
        assert not Question.objects.filter(email="an@example.com").exists()


@pytest.mark.django_db
def test_an_active_site_takes_posts(client, site_id):
    posted = client.post("/id/account/login/", {"username": "x@example.org", "password": "x"},
                         HTTP_HOST="cn-id.localhost")  # fmt: skip
    assert posted.status_code == 400  # the form answered, with its error
