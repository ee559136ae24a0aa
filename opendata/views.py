import csv
import functools
import io
import json
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from cica.caching import CachedContentMixin

from .datasets import BY_NAME, DATASETS, LANGUAGES, TYPES, Context, Field

SCHEMA_PATH = Path(__file__).with_name("schema.json")
# Every file holds every language (RFC 9110 allows a list).
CONTENT_LANGUAGE = "en, ru, zh-Hans, ar"


@functools.cache
def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


def schema() -> dict:
    """The JSON Schema that every JSON file of the open data follows."""
    return json.loads(schema_text())


@csrf_exempt  # no form: other methods are answered 405 with Allow
@require_safe
def schema_file(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(schema_text(), content_type="application/schema+json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="cica-open-data.schema.json"'
    return response


def document_for(request: HttpRequest, name: str) -> dict:
    """The JSON file of a dataset, as a dict."""
    dataset = BY_NAME[name]
    today = timezone.localdate()
    context = Context(today=today, absolute=request.build_absolute_uri)
    return {
        "$schema": request.build_absolute_uri(reverse("opendata_files:schema")),
        "dataset": dataset.name,
        "as_of": today.isoformat(),
        "languages": LANGUAGES,
        "records": dataset.records(context),
    }


@csrf_exempt  # no form: other methods are answered 405 with Allow
@require_safe
def dataset_file(request: HttpRequest, name: str, extension: str) -> HttpResponse:
    """A dataset as JSON or CSV, every language in one file. The page cache keeps it like
    a page (under the content version, with an ``ETag``)."""
    if name not in BY_NAME:
        raise Http404
    dataset = BY_NAME[name]
    document = document_for(request, name)
    if extension == "json":
        body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        disposition = "inline"
    else:
        buffer = io.StringIO()
        # RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line
        # break. The byte order mark lets spreadsheet programs read UTF-8 (Arabic, Chinese).
        buffer.write("\ufeff")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(dataset.columns())
        writer.writerows(dataset.csv_rows(document["records"]))
        response = HttpResponse(
            buffer.getvalue(), content_type="text/csv; charset=utf-8; header=present"
        )
        disposition = "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="cica-{name}.{extension}"'
    response["Content-Language"] = CONTENT_LANGUAGE
    return response


def describe_type(field: Field) -> str:
    if field.choices:
        text = _("one of: {values}").format(values=", ".join(field.choices))
    else:
        text = str(TYPES[field.type])
    if field.nullable:
        return _("{type}, or null").format(type=text)
    return text


def describe_example(field: Field, origin: str) -> str:
    """The example in the page's language, written as the JSON file writes it."""
    example = field.example
    if callable(example):
        return json.dumps(example(), ensure_ascii=False)
    if isinstance(example, dict):
        value = example.get(get_language())
        if value is None:
            return ""
        return json.dumps(
            origin + value if field.type == "translated-url" else value, ensure_ascii=False
        )
    return example


class DataPageView(CachedContentMixin, TemplateView):
    """What the open data files hold, field by field, with links to them. No query: the
    descriptions are in the code (``opendata.datasets``)."""

    template_name = "data/index.html"

    def get_content_data(self) -> dict:
        origin = self.request.build_absolute_uri("/").removesuffix("/")
        datasets = []
        for dataset in DATASETS:
            datasets.append(
                {
                    "name": dataset.name,
                    "title": dataset.title,
                    "description": dataset.description,
                    "key": dataset.key,
                    "json_url": reverse(
                        "opendata_files:dataset", kwargs={"name": dataset.name, "extension": "json"}
                    ),
                    "csv_url": reverse(
                        "opendata_files:dataset", kwargs={"name": dataset.name, "extension": "csv"}
                    ),
                    "fields": [
                        {
                            "name": field.name,
                            "type": describe_type(field),
                            "meaning": field.meaning,
                            "example": describe_example(field, origin),
                            "translated": field.translated,
                            "columns": field.columns(),
                        }
                        for field in dataset.fields
                    ],
                }
            )
        return {
            "datasets": datasets,
            "languages": LANGUAGES,
            "schema_url": reverse("opendata_files:schema"),
        }
