"""Demo content gets its product codes from what it says.

A demo loading step of its own, after the content loaders (whatever content
they bring): each listing, enterprise and article without codes gets the
HS codes whose names or synonyms its texts mention, in any of the site's
languages ("cashew kernels" → 0801.32). Content that already has codes, or
that an editor coded, is left alone; loading again adds nothing twice.
"""

from cooperation.models import Article, Enterprise, Opportunity
from languages.columns import text_in
from search.registry import index_objects
from search.vocabulary import codes_in_text
from tenants.models import Site

FIELDS = {
    Opportunity: ("title", "description"),
    Enterprise: ("name", "description", "products"),
    Article: ("title", "summary"),
}


def code_demo_content(site: Site) -> str:
    coded = []
    for model, fields in FIELDS.items():
        changed = []
        for item in model.objects.filter(hs_codes=[]):
            texts = [
                text_in(item, name, language) for name in fields for language in site.languages
            ]
            codes = codes_in_text(texts, site.languages)
            if codes:
                item.hs_codes = codes
                changed.append(item)
        model.objects.bulk_update(changed, ["hs_codes"])
        coded += changed
    index_objects(coded, site)  # what saving each would have written
    return f"{len(coded)} items given product codes" if coded else ""
