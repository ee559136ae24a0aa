from django.urls import reverse

from members.sitemaps import TranslatedSitemap


class PageSitemap(TranslatedSitemap):
    """Pages that exist once per language (the home page and the section indexes)."""

    changefreq = "monthly"

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def items(self) -> list[str]:
        return self.names

    def location(self, item: str) -> str:
        return reverse(item)
