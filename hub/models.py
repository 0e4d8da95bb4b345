"""The hub's index: every site's public news, listings and events, one row
per site language, in the public schema."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce

from search.gin import short_gin_index
from tenants.models import Site

#: The kinds of search documents the hub gathers.
KINDS = ("article", "opportunity", "event")


class HubEntry(models.Model):
    """One public object of one site as a reader of ``language`` sees it there
    (fallback included: ``title_language`` says what the title is written in).

    Copied from the site's ``search.SearchDocument`` whenever that is
    written (``hub.index``). ``serves`` lists the hub languages whose
    visitors get this row: its own language, and for a row in the site's
    default language every hub language the site does not offer, so a
    Vietnamese visitor of the hub reads China–Indonesia in its default.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="hub_entries")
    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    serves = ArrayField(models.CharField(max_length=10), default=list)
    title = models.TextField()
    title_language = models.CharField(max_length=10)
    body = models.TextField(blank=True)
    body_language = models.CharField(max_length=10)
    url_name = models.CharField(max_length=60)
    url_kwargs = models.JSONField(default=dict)
    products = ArrayField(models.CharField(max_length=6), default=list, blank=True)
    country = models.CharField(max_length=2, blank=True)
    languages = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    dated_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)  # an event's end
    # The zone its dates are read in (an event's own; empty: its site's).
    time_zone = models.CharField(max_length=64, blank=True, db_default="")
    # A co-hosted event's copy names its origin site, and is listed only there;
    # the origin names the sites that co-host it.
    copy_of = models.CharField(max_length=20, blank=True, db_default="")
    shared_with = ArrayField(
        models.CharField(max_length=20), default=list, blank=True, db_default=Value([])
    )
    public_since = models.DateTimeField(null=True, blank=True)
    visible_from = models.DateTimeField(null=True, blank=True)
    visible_until = models.DateField(null=True, blank=True)
    vector = SearchVectorField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "object_id", "language"], name="one_hub_entry_per_language"
            )
        ]
        indexes = [
            # The hub's lists: newest news, newest listings, next events.
            models.Index(F("kind"), F("dated_at").desc(nulls_last=True), name="hub_entry_dated"),
            models.Index(
                F("kind"), F("public_since").desc(nulls_last=True), name="hub_entry_listed"
            ),
            # Events that have not ended (upcoming and running): a range of it;
            # with the start beside it, the running ones (started, not ended)
            # are picked out in the index, not among 14,500 rows read.
            models.Index(
                F("kind"),
                Coalesce(F("ends_at"), F("dated_at")),
                F("dated_at"),
                name="hub_entry_until_started",
            ),
            # The next events, soonest first: the home's list stops at its eighth.
            models.Index(F("kind"), F("dated_at"), F("id"), name="hub_entry_soonest"),
            # Its search, newest first whatever the kind (search.newest reads
            # matches in this order and stops at the page).
            models.Index(
                F("dated_at").desc(nulls_last=True), F("id").desc(), name="hub_entry_newest"
            ),
            short_gin_index(fields=["vector"], name="hub_entry_vector"),
            short_gin_index(fields=["products"], name="hub_entry_products"),
        ]

    def __str__(self) -> str:
        return f"{self.site_id}:{self.kind}:{self.object_id}:{self.language}"
