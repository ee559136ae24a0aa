# What editors may type in a date field; the first is what the field shows. Django's
# own list has "%Y年%n月%j日", which Python cannot read (%j is the day of the year).
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2024-12-31
    "%Y年%m月%d日",  # 2024年12月31日, 2024年1月5日
    "%Y/%m/%d",  # 2024/12/31
    "%Y.%m.%d",  # 2024.12.31
]
