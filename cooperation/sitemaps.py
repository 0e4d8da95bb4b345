from cooperation.models import Article
from web.sitemaps import SiteLanguagesSitemap


class ArticleSitemap(SiteLanguagesSitemap):
    changefreq = "weekly"

    def items(self):
        return Article.objects.published().only("slug", "published_at").order_by("-published_at")

    def lastmod(self, article: Article):
        return article.published_at
