# 5 أكتوبر 1992, without the comma of Django's default ("j F، Y").
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"

# What editors may type in a date field (in Arabic-Indic digits too: the admin reads
# them as 0-9); the first is what the field shows. Day, month, year.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 31/12/2024, ٣١/١٢/٢٠٢٤
    "%d-%m-%Y",  # 31-12-2024
    "%d.%m.%Y",  # 31.12.2024
    "%Y-%m-%d",  # 2024-12-31
    "%Y/%m/%d",  # 2024/12/31
]
