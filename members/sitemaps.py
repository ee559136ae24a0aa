from django.contrib.sitemaps import Sitemap

from .models import State


class TranslatedSitemap(Sitemap):
    """Every page of the site exists in each language: list them all, each with its
    alternates and the unprefixed address (x-default) that redirects by preference.
    Every app's sitemap builds on this one."""

    i18n = True
    alternates = True
    x_default = True


class StateSitemap(TranslatedSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return State.objects.order_by("code")
