from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from cica.roles import content_models

# Deployment data, in the order it must be loaded: later files refer to earlier ones.
# The first five are the snapshot (CICA as the infographic shows it, true as of 2021);
# "changes" holds what changed since, so that both together are true as of today.
FIXTURES = ["cica", "members", "cbm", "timeline", "secretariat", "changes"]


def content_rows() -> dict[str, int]:
    """The content models that hold rows, with their counts."""
    counts = {
        str(model._meta.verbose_name_plural): model._base_manager.count()
        for model in content_models()
    }
    return {name: count for name, count in counts.items() if count}


class Command(BaseCommand):
    help = (
        "Load the whole organisation from fixtures/ in one transaction (all or nothing) and "
        "give every object its first version in the history. Loading again updates the same "
        "rows: the fixtures use natural keys."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database without content, and keep what is there otherwise "
            "(make run uses it, so that a second run keeps what was edited).",
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        verbosity = options["verbosity"]
        if if_empty and (found := content_rows()):
            summary = ", ".join(f"{count} {name}" for name, count in sorted(found.items())[:3])
            more = ", …" if len(found) > 3 else ""
            self.stdout.write(
                f"The database already holds content ({summary}{more}): nothing loaded, "
                "what was edited is kept."
            )
            return
        with transaction.atomic():
            call_command("loaddata", *FIXTURES, verbosity=verbosity)
            call_command(
                "createinitialrevisions",
                comment="Initial version, loaded from the fixtures.",
                verbosity=verbosity,
            )
