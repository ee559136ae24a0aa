"""The site as of a year: ``?year=YYYY`` on the members, CBM and Secretariat pages.

A page built on ``AsOfYearMixin`` shows CICA on the last day of the year asked
for, or today without ``year``. The current year redirects to the plain address;
anything that is not a year from 1992 to this year answers 400 with a short page
in the visitor's language. The view reads the date it shows from ``self.on``
(and ``self.year``, None for today); templates get ``as_of``, ``year`` and
``year_links`` (the row of links between years).
"""

import datetime
import re
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone

from .models import FIRST_YEAR

YEAR = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class YearLink:
    year: int | None  # None for today
    url: str
    current: bool


def year_links(path: str, shown: int | None, today: datetime.date) -> list[YearLink]:
    """Every year from 1992 to last year, then today's page (the plain address)."""
    links = [
        YearLink(year, f"{path}?year={year}", year == shown)
        for year in range(FIRST_YEAR, today.year)
    ]
    return [*links, YearLink(None, path, shown is None)]


def bad_year(request: HttpRequest, value: str, today: datetime.date) -> HttpResponse:
    shown = value if len(value) <= 20 else value[:20] + "…"
    context = {"bad_year": shown, "first_year": FIRST_YEAR, "last_year": today.year}
    return render(request, "400.html", context, status=400)


class AsOfYearMixin:
    year: int | None = None
    on: datetime.date
    today: datetime.date

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.today = today = timezone.localdate()
        values = request.GET.getlist("year")
        if not values:
            self.year, self.on = None, today
        else:
            value = values[0] if len(values) == 1 else "&".join(values)
            if not YEAR.fullmatch(value) or not FIRST_YEAR <= int(value) <= today.year:
                return bad_year(request, value, today)
            if int(value) == today.year:
                return HttpResponseRedirect(request.path)
            self.year = int(value)
            self.on = datetime.date(self.year, 12, 31)
        # The canonical address and the language switcher keep the year (cica.context_processors).
        request.as_of_year = self.year
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= {
            "year": self.year,
            "as_of": self.on,
            "year_links": year_links(self.request.path, self.year, self.today),
        }
        return context
