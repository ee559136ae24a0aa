# 5 أكتوبر 1992, without the comma of Django's default ("j F، Y").
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
