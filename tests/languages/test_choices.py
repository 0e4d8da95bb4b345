from django.utils import translation

from cooperation.models import Article, Opportunity


def test_choice_labels_follow_the_active_language():
    article = Article(kind=Article.Kind.POLICY)

    with translation.override("en"):
        english = article.get_kind_display()
    with translation.override("zh-hans"):
        chinese = article.get_kind_display()

    assert english == "Policy"
    with translation.override("zh-hans"):
        assert chinese == str(Article.Kind.POLICY.label) != english


def test_an_unknown_value_is_shown_as_it_is():
    assert Opportunity(kind="barter").get_kind_display() == "barter"
