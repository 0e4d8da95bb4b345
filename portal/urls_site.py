"""URLs of a country-pair site (any host that names a site)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import path

from cooperation import views as cooperation
from tenants import views as tenants

urlpatterns = [
    path("admin/", admin.site.urls),
    path("branding/theme.css", tenants.theme_css, name="theme_css"),
    path("branding/logo.svg", tenants.logo, name="site_logo"),
]
urlpatterns += i18n_patterns(
    path("", cooperation.home, name="home"),
    path("news/", cooperation.article_list, name="article_list"),
    path("news/<slug:slug>/", cooperation.article_detail, name="article_detail"),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
