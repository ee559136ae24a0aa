from django.core.management.base import BaseCommand

from search.index import rebuild_all


class Command(BaseCommand):
    help = (
        "Rebuild the search index now. Never required: the first search after a change "
        "rebuilds its language by itself."
    )

    def handle(self, *args, **options) -> None:
        count = rebuild_all()
        self.stdout.write(f"Search index rebuilt: {count} entries.")
