import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from editorial.cleanup import (
    file_fields,
    models_with_files,
    referenced,
    remove_unreferenced,
    upload_folders,
)


def stored_files(storage, folder: str):
    """Every file under ``folder`` of ``storage``, sub-folders included."""
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from stored_files(storage, f"{folder}/{sub}")


class Command(BaseCommand):
    help = (
        "Remove uploaded files (flags, logos, photos, documents) that no row and no version "
        "in the history refers to any more, e.g. after old versions were deleted with "
        "deleterevisions. Only the upload folders are looked at; files younger than "
        "--older-than minutes are kept, as they may belong to an upload being saved. Asks "
        "before removing anything unless --no-input is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list the files, remove nothing")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="remove without asking",
        )
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="only files last written at least this long ago (default: 60)",
        )

    def handle(self, *args, dry_run: bool, interactive: bool, older_than: int, **options):
        cutoff = timezone.now() - datetime.timedelta(minutes=older_than)
        storages = {field.storage for model in models_with_files() for field in file_fields(model)}
        unreferenced = []
        for storage in storages:
            for folder in sorted(upload_folders()):
                if not storage.exists(folder):
                    continue
                names = set(stored_files(storage, folder))
                for name in sorted(names - referenced(names)):
                    if storage.get_modified_time(name) <= cutoff:
                        unreferenced.append((storage, name))
        if not unreferenced:
            self.stdout.write("No file to remove: every stored file is referred to.")
            return
        for _storage, name in unreferenced:
            self.stdout.write(name)
        count = len(unreferenced)
        if dry_run:
            self.stdout.write(f"{count} files would be removed (dry run: nothing removed).")
            return
        if interactive:
            answer = input(f"Remove these {count} files? Type 'yes' to continue: ")
            if answer != "yes":
                self.stdout.write("Nothing removed.")
                return
        removed = 0
        for storage in storages:
            # Checked again: something may have come to refer to a file meanwhile.
            names = [name for owner, name in unreferenced if owner is storage]
            removed += len(remove_unreferenced(storage, names))
        self.stdout.write(self.style.SUCCESS(f"{removed} files removed."))
