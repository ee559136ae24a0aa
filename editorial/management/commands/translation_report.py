from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from editorial.translations import status


class Command(BaseCommand):
    help = (
        "Report, per language, how many translated fields of the content are filled, how "
        "many of those need review because their English changed since they were "
        "translated, and which objects have gaps or translations to review. Exits with an "
        "error when a required language (CICA_REQUIRED_LANGUAGES: English and Russian) has "
        "gaps, so that a deployment can refuse incomplete content."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--summary", action="store_true", help="only the figures, not the objects"
        )

    def handle(self, *args, summary: bool, **options) -> None:
        with override("en"):
            report = status()
        required = settings.CICA_REQUIRED_LANGUAGES
        for code, language in report.items():
            mark = " (required)" if code in required else ""
            stale = f", {language.stale:>4} to review" if code != "en" else ""
            self.stdout.write(
                f"{code:<8} {language.filled:>5} of {language.total:>5} fields filled, "
                f"{language.missing:>4} missing{stale}{mark}"
            )
            if not summary:
                for gap in language.gaps:
                    self.stdout.write(
                        f"         {gap.label} {gap.pk} “{gap.title}”: missing "
                        f"{', '.join(gap.fields)}"
                    )
                for item in language.stale_items:
                    self.stdout.write(
                        f"         {item.label} {item.pk} “{item.title}”: {item.field_name} "
                        f"to review (English was “{item.source}”, now “{item.english}”)"
                    )
        incomplete = [code for code in required if report[code].missing]
        if incomplete:
            raise CommandError(
                "Translations missing in a required language: {}.".format(", ".join(incomplete))
            )
        self.stdout.write(self.style.SUCCESS("Every required language is complete."))
