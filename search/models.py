from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One public object in one language, as the search page finds and shows it.

    Derived from the content, never edited: ``search.index`` rebuilds the whole table
    when the content changed since it was built (``IndexState``). ``normalised`` holds the
    title and text as ``search.text.normalised`` writes them; on PostgreSQL ``vector``
    holds them for full-text search in the language's configuration, and GIN indexes
    (migration 0002) serve both.
    """

    class Kind(models.IntegerChoices):
        # The order in which the search page groups its results.
        STATE = 1, _("States")
        ORGANIZATION = 2, _("Organisations")
        MEASURE = 3, _("Confidence building measures")
        EVENT = 4, _("Events")
        DOCUMENT = 5, _("Documents")
        BODY = 6, _("Bodies")
        PERSON = 7, _("People")
        CHAIRMANSHIP = 8, _("Chairmanships")

    language = models.CharField(_("language"), max_length=10)
    kind = models.PositiveSmallIntegerField(_("kind"), choices=Kind.choices)
    url = models.CharField(_("address"), max_length=300)
    title = models.CharField(_("title"), max_length=400)
    text = models.TextField(_("text"), blank=True)
    normalised_title = models.CharField(max_length=400)
    normalised = models.TextField()
    vector = SearchVectorField(null=True)
    # Shown from this day on (an area added to the Catalogue in a later year).
    visible_from = models.DateField(null=True)
    # The object's place in its own list: the order among results that rank the same.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["language", "kind", "position"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["language", "kind"], name="search_entry_language_kind")]

    def __str__(self) -> str:
        return self.title


class IndexState(models.Model):
    """How many content changes were recorded (the row ``edits``) and, for each language,
    up to which change its entries were built (the row named by the language code).

    A change increments ``edits`` in its own transaction, so that the first search in a
    language after it commits finds that language stale, on every app server."""

    EDITS = "edits"

    key = models.CharField(max_length=10, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index states")

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"
