"""The stored pages' backends skip Django's per-character key check
(web/page_store.py): safe only while every key web.page_cache makes is one
that check would pass."""

from django.core.cache.backends.base import memcache_key_warnings
from django.test import RequestFactory

from web.page_cache import _key


def test_page_keys_are_ones_the_skipped_check_would_pass():
    odd = "/vi/tin-tức/cà phê/?q=%00%20x\x7f&" + "é" * 3000
    request = RequestFactory().get(odd, HTTP_ACCEPT_LANGUAGE="vi,zh-Hans;q=0.8")
    for schema in ("public", "site_" + "x" * 58):  # the hub, and the longest schema name
        key = _key(request, schema, (1764621234567890123, 1764621234567890124), "zh-hans")
        assert list(memcache_key_warnings(f"pages:1:{key}")) == []
