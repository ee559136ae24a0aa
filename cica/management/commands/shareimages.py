"""Draw the share images into static/img/share/, or check that they are up to date."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cica.share_images import ShareImageError, fingerprint, recorded_fingerprint, render
from cica.sharing import SHARE_IMAGES, share_image_name


def image_path(key: str, language: str) -> Path:
    return Path(settings.BASE_DIR) / "static" / share_image_name(key, language)


def stale_images() -> list[Path]:
    """The share images that are missing or were drawn from other words or code."""
    return [
        image_path(key, language)
        for key in SHARE_IMAGES
        for language, _name in settings.LANGUAGES
        if recorded_fingerprint(image_path(key, language)) != fingerprint(key, language)
    ]


class Command(BaseCommand):
    help = (
        "Draw the 1200×630 share images of every page type in every language into "
        "static/img/share/ (commit them), after a change of their words or layout."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Draw nothing; fail if an image is missing or out of date.",
        )

    def handle(self, *args, check: bool = False, **options):
        if check:
            stale = stale_images()
            if stale:
                names = ", ".join(path.name for path in stale)
                raise CommandError(f"Share images out of date: {names}. Run manage.py shareimages.")
            self.stdout.write("Share images are up to date.")
            return
        written = 0
        for key in SHARE_IMAGES:
            for language, _name in settings.LANGUAGES:
                path = image_path(key, language)
                if recorded_fingerprint(path) == fingerprint(key, language):
                    continue
                try:
                    png = render(key, language)
                except ShareImageError as error:
                    raise CommandError(str(error)) from error
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(png)
                written += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"Drew {path.name}")
        self.stdout.write(f"{written} share image(s) drawn.")
