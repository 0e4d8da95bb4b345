"""What an admin action says when it is done.

Every custom action of the portal reports what it did, with counts, in the
admin's language: a list that just empties (listings approved away from the
"pending" filter) leaves an editor wondering whether it worked.
"""

from django.contrib import messages
from django.http import HttpRequest
from django.utils import translation

from languages.formatting import format_number


def tell(
    modeladmin, request: HttpRequest, count: int, text: str, level: int = messages.SUCCESS
) -> None:
    """Show ``text`` (an ``ngettext`` already chosen for ``count``, with a
    ``%(count)s`` placeholder) when ``count`` is not zero, the number
    written the admin's way."""
    if count:
        number = format_number(count, translation.get_language())
        modeladmin.message_user(request, text % {"count": number}, level)
