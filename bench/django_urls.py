from django.urls import path

from bench.http_urls import bare

urlpatterns = [path("bench/bare/", bare)]
