from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from editorial.translations import status


class Command(BaseCommand):
    help = (
        "Report, per language, how many translated fields of the content are filled, and "
        "which objects have gaps. Exits with an error when a required language "
        "(CICA_REQUIRED_LANGUAGES: English and Russian) has gaps, so that a deployment can "
        "refuse incomplete content."
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
            self.stdout.write(
                f"{code:<8} {language.filled:>5} of {language.total:>5} fields filled, "
                f"{language.missing:>4} missing{mark}"
            )
            if not summary:
                for gap in language.gaps:
                    self.stdout.write(
                        f"         {gap.label} {gap.pk} “{gap.title}”: {', '.join(gap.fields)}"
                    )
        incomplete = [code for code in required if report[code].missing]
        if incomplete:
            raise CommandError(
                "Translations missing in a required language: {}.".format(", ".join(incomplete))
            )
        self.stdout.write(self.style.SUCCESS("Every required language is complete."))
