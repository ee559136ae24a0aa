from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from editorial import guide as editorial_guide
from editorial import views as editorial_views
from members.sitemaps import StateSitemap
from opendata.urls import file_patterns as data_file_patterns
from timeline.sitemaps import EventSitemap

from . import views
from .sitemaps import PageSitemap

# The sitemap is the registry of public pages: the accessibility test and the
# screenshots visit every page it lists, in every language.
sitemaps = {
    "pages": PageSitemap(
        [
            "cica:home",
            "members:list",
            "cbm:catalogue",
            "timeline:list",
            "secretariat:structure",
            "secretariat:secretariat",
            "opendata:page",
        ]
    ),
    "states": StateSitemap(),
    "events": EventSitemap(),
}

handler500 = "cica.views.server_error"

home_patterns = ([path("", views.HomeView.as_view(), name="home")], "cica")

urlpatterns = [
    path(
        "admin/translations/",
        admin.site.admin_view(editorial_views.translation_status),
        name="translation_status",
    ),
    path(
        "admin/translations/export/",
        admin.site.admin_view(editorial_views.translation_export),
        name="translation_export",
    ),
    path(
        "admin/translations/import/",
        admin.site.admin_view(editorial_views.translation_import),
        name="translation_import",
    ),
    # The admin index is the editors' dashboard (editorial/dashboard.py).
    path("admin/", admin.site.admin_view(editorial_views.dashboard), name="dashboard"),
    path("admin/changes/", admin.site.admin_view(editorial_views.all_changes), name="all_changes"),
    path(
        "admin/changes/<int:version_id>/",
        admin.site.admin_view(editorial_views.change_diff),
        name="change_diff",
    ),
    path(
        "admin/shortcuts/status/",
        admin.site.admin_view(editorial_views.status_shortcut),
        name="status_shortcut",
    ),
    path("admin/guide/", admin.site.admin_view(editorial_guide.guide), name="editors_guide"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        # No form: other methods are answered 405 with Allow, not refused as forged forms.
        csrf_exempt(require_safe(sitemap)),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    # The open data files hold every language: one address each, without a prefix.
    path("data/", include(data_file_patterns)),
]

urlpatterns += i18n_patterns(
    path("", include(home_patterns)),
    path("members/", include("members.urls")),
    path("cbm/", include("cbm.urls")),
    path("history/", include("timeline.urls")),
    path("", include("secretariat.urls")),
    path("data/", include("opendata.urls")),
    path("search/", include("search.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
