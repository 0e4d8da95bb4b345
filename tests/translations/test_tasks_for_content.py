"""Every kind of content an editor publishes or approves asks the translators
for the languages it lacks: events, enterprises' profiles, answered
questions and the site's own about, privacy and accessibility pages as well
as articles and listings. The tasks show in the
translators' list with links to translate them side by side and to see them
on the site, and close when the translation is saved.

China–Vietnam writes in Chinese (zh-hans) and translates into vi and en.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from cooperation.models import Enterprise, Question, SitePage
from events.models import Event
from tests.factories.accounts import make_staff
from tests.factories.events import make_event
from translations.models import TranslationTask
from translations.services import tasks
from translations.services.translation_status import digest, translated_fields

VN = {"HTTP_HOST": "cn-vn.localhost"}


def open_languages(instance) -> dict[str, str]:
    """language → source language of the open tasks of ``instance``."""
    return dict(
        TranslationTask.objects.filter(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=instance.pk,
            closed_at__isnull=True,
        ).values_list("language", "source_language")
    )


def draft_event():
    return make_event(
        slug="hanoi-coffee-week",
        titles={"zh-hans": "河内咖啡周"},
        venue={"zh-hans": "河内国际会展中心"},
        summary_zh_hans="越南咖啡企业展示会。",
        is_published=False,
    )


def publish_event(event):
    event.is_published = True
    event.save()


def unlisted_enterprise():
    return Enterprise.objects.create(
        slug="yunnan-tea-house", name_zh_hans="云南茶厂", description_zh_hans="普洱茶生产商。",
        country="CN", is_listed=False, awaiting_review=True,
    )  # fmt: skip


def approve_enterprise(enterprise):
    enterprise.is_listed = True
    enterprise.awaiting_review = False
    enterprise.save()


def waiting_question():
    return Question.objects.create(
        name="Nguyễn Lan", email="lan@example.vn", language="vi", topic="other",
        question="Thủ tục xuất khẩu cà phê sang Trung Quốc thế nào?",
    )  # fmt: skip


def answer_question(question):
    question.answer_vi = "Cần đăng ký mã số doanh nghiệp với GACC."
    question.status = Question.Status.ANSWERED
    question.save()


def unwritten_about_page():
    """The about page before the site writes its own (readers get the portal's default)."""
    return SitePage.objects.create(kind=SitePage.Kind.ABOUT)


def write_about_page(page):
    page.title_zh_hans = "关于中越经贸合作网"
    page.body_zh_hans = "<p>本网站由两国商务部门共同运营。</p>"
    page.save()


KINDS = {
    # kind: (make it unpublished, publish it as an editor does, languages asked)
    "event": (draft_event, publish_event, {"vi": "zh-hans", "en": "zh-hans"}),
    "enterprise": (unlisted_enterprise, approve_enterprise, {"vi": "zh-hans", "en": "zh-hans"}),
    "question": (waiting_question, answer_question, {"zh-hans": "vi", "en": "vi"}),
    "site page": (unwritten_about_page, write_about_page, {"vi": "zh-hans", "en": "zh-hans"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_publishing_any_content_asks_for_the_languages_it_lacks(site_vn, in_site, kind):
    make, publish, asked = KINDS[kind]
    with in_site(site_vn):
        item = make()
        assert open_languages(item) == {}  # nobody translates what readers cannot see

        publish(item)
        assert open_languages(item) == asked
        publish(item)  # saved again: no second task
        assert TranslationTask.objects.filter(object_id=item.pk).count() == len(asked)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_the_task_list_links_each_kind_and_saving_the_translation_closes_it(
    client, site_vn, in_site, kind
):
    make, publish, asked = KINDS[kind]
    with in_site(site_vn):
        item = make()
        publish(item)
        client.force_login(make_staff("translator"))
    language = next(iter(asked))
    label = item._meta.label_lower

    listing = client.get(f"/vi/editor/translations/tasks/?language={language}", **VN)
    body = listing.content.decode()
    translate_url = f"/vi/editor/translations/{label}/{item.pk}/{language}/"
    assert f'href="{translate_url}"' in body
    with in_site(site_vn):
        public = item.get_absolute_url().replace("/vi/", f"/{asked[language]}/", 1)
    assert f'href="{public}"' in body and "Xem trên trang" in body
    assert client.get(public, **VN).status_code == 200

    page = client.get(translate_url, **VN)
    assert page.status_code == 200
    with in_site(site_vn):
        item.refresh_from_db()
        fields = [
            name
            for name in translated_fields(type(item))
            if getattr(item, f"{name}_{asked[language].replace('-', '_')}")
        ]
    assert fields
    for name in fields:
        saved = client.post(
            translate_url,
            {"field": name, "text": f"Bản dịch {name}", "shown": digest("")},
            **VN,
        )
        assert saved.status_code == 302, saved.content.decode()[:500]

    with in_site(site_vn):
        item.refresh_from_db()
        assert language not in open_languages(item)  # done: closed
        assert set(open_languages(item)) == set(asked) - {language}
    after = client.get(f"/vi/editor/translations/tasks/?language={language}", **VN)
    assert f'href="{translate_url}"' not in after.content.decode()


@pytest.mark.django_db
def test_a_cohosted_copy_asks_nobody_on_the_partner_site(site_id, in_site):
    """A copy is translated where it is edited (its origin): the partner's
    translators get no task for it."""
    with in_site(site_id):
        copies = list(Event.objects.exclude(origin_code=""))
        assert copies, "the demo co-hosts events"
        for copy in copies:
            copy.save()
            assert open_languages(copy) == {}


def test_every_kind_an_editor_publishes_is_registered():
    from cooperation.models import Article, Opportunity

    for model in (Article, Opportunity, Event, Enterprise, Question, SitePage):
        assert tasks.registered(model) is not None, model
        assert tasks.registered(model).on_publish, model


@pytest.mark.django_db
def test_the_task_list_pages_with_the_shared_pager(client, site_vn, in_site, monkeypatch):
    from translations import views

    monkeypatch.setattr(views, "TASKS_ON_PAGE", 1)
    with in_site(site_vn):
        for number in range(3):
            event = make_event(slug=f"paged-{number}", titles={"zh-hans": f"活动 {number}"})
            assert open_languages(event)
        client.force_login(make_staff("translator"))
    first = client.get("/en/editor/translations/tasks/?language=vi", **VN).content.decode()
    (following,) = re.findall(r'<link rel="next" href="([^"]+)"', first)
    assert "language=vi" in following and "page=2" in following
    assert client.get("/en/editor/translations/tasks/?page=x", **VN).status_code == 404
    assert client.get("/en/editor/translations/tasks/?page=9999", **VN).status_code == 200
