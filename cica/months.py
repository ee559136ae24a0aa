"""Month names in the project's catalogues, where Django's own disagree.

Django's Arabic catalogue writes April "إبريل" in some forms and "أبريل" in
others. The site writes the Egyptian/UN series everywhere (يناير فبراير مارس
أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر), in dates and in
content alike. Marking the month names here puts them in the project's
catalogues, which Django searches before its own, so the translation there wins.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# The forms Django's date formats use: "F" (full name), "b" and "M" (short).
MONTH_NAMES = [gettext_noop("April"), gettext_noop("apr")]
ABBREVIATED_MONTH_NAMES = [pgettext_lazy("abbrev. month", "April")]
