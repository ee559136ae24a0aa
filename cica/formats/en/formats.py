# Dates as international organisations write them: 5 October 1992.
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "j M Y"

# What editors may type in a date field; the first is what the field shows (and what
# its calendar writes). Day before month, never the American month/day/year.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2024-12-31
    "%d %B %Y",  # 31 December 2024
    "%d %b %Y",  # 31 Dec 2024
    "%B %d, %Y",  # December 31, 2024
    "%d/%m/%Y",  # 31/12/2024
    "%d.%m.%Y",  # 31.12.2024
]
