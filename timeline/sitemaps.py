from members.sitemaps import TranslatedSitemap

from .models import Event


class EventSitemap(TranslatedSitemap):
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return Event.objects.published().order_by("date", "pk")
