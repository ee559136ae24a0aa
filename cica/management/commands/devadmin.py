from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "cica-dev-admin"


class Command(BaseCommand):
    help = (
        "Create (or reset) the development superuser admin / cica-dev-admin and print "
        "its credentials. Refuses to run unless DJANGO_DEBUG is on."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a development admin account: DJANGO_DEBUG is off. "
                "In production use 'manage.py createsuperuser'."
            )
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.org"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the development admin account: http://127.0.0.1:8000/admin/ "
                f"user '{USERNAME}', password '{PASSWORD}'."
            )
        )
