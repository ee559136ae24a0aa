from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

# Deployment data, in the order it must be loaded: later files refer to earlier ones.
# The first five are the snapshot (CICA as the infographic shows it, true as of 2021);
# "changes" holds what changed since, so that both together are true as of today.
FIXTURES = ["cica", "members", "cbm", "timeline", "secretariat", "changes"]


class Command(BaseCommand):
    help = (
        "Load the whole organisation from fixtures/ in one transaction (all or nothing) and "
        "give every object its first version in the history. Loading again updates the same "
        "rows: the fixtures use natural keys."
    )

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        with transaction.atomic():
            call_command("loaddata", *FIXTURES, verbosity=verbosity)
            call_command(
                "createinitialrevisions",
                comment="Initial version, loaded from the fixtures.",
                verbosity=verbosity,
            )
