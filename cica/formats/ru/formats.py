# What editors may type in a date field; the first is what the field shows.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 31.12.2024
    "%d.%m.%y",  # 31.12.24
    "%Y-%m-%d",  # 2024-12-31
]
