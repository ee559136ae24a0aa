from django.contrib.sitemaps import Sitemap

from .models import Event


class EventSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return Event.objects.published().order_by("date", "pk")
