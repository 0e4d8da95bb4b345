"""Media in an S3-compatible bucket, still served through each site's check.

Files keep their names (``<schema>/articles/….jpg``, ``logos/<code>.png``), so
every site has its own prefix in the bucket. Pages link a file through the
site's ``/media/`` address, as with files on disk; that view checks the file
is this site's and answers with a redirect to a short-lived signed URL. So a
cached page never holds an expired link, and one site's address never opens
another site's file, whatever the bucket's policy.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class SiteMediaStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        return settings.MEDIA_URL + filepath_to_uri(name)

    def signed_url(self, name: str) -> str:
        """The bucket's own address for ``name``, valid for ``querystring_expire`` seconds."""
        return super().url(name)
