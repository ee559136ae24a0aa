from django.contrib.sitemaps import Sitemap

from .models import State


class StateSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return State.objects.order_by("code")
