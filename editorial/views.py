from django.contrib import admin
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .translations import LANGUAGES, status


def translation_status(request):
    """The objects whose translations have gaps, for one language or all."""
    language = request.GET.get("language", "")
    if language and language not in LANGUAGES:
        raise Http404(_("Unknown language."))
    report = status()
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "report": [report[code] for code in ([language] if language else LANGUAGES)],
        "language": language,
    }
    return TemplateResponse(request, "admin/translation_status.html", context)
