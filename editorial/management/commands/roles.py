from django.core.management.base import BaseCommand

from editorial.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or reset the groups Editors, Translators and Administrators (see README)."

    def handle(self, *args, **options) -> None:
        for name, count in ensure_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
