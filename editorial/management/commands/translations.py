from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from editorial.transfiles import BrokenFile, export, import_file, translatable_languages


class Command(BaseCommand):
    help = (
        "Translator files (PO). 'export --language zh-hans' writes every translated field "
        "that is empty or needs review in that language (--all: every field), with the "
        "English, the current translation, and where it appears. 'import FILE.po' reads one "
        "back: a file that cannot be read, or whose Language header is missing, unknown or "
        "English, changes nothing (exit status 1). Otherwise each unit is checked and "
        "refused with its reason (unknown id, English changed since the export, empty "
        "translation, still fuzzy, markup not in the English); the accepted units are "
        "saved together in one transaction and one revision. --strict saves nothing if "
        "any unit is refused; --dry-run only reports."
    )

    def add_arguments(self, parser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        out = commands.add_parser("export", help="write a PO file for one language")
        out.add_argument(
            "--language",
            required=True,
            choices=[code for code, _name in translatable_languages()],
        )
        out.add_argument("--all", action="store_true", help="every field, not only those to do")
        out.add_argument("-o", "--output", help="file to write (default: standard output)")
        back = commands.add_parser("import", help="read a translated PO file back")
        back.add_argument("file")
        back.add_argument("--dry-run", action="store_true", help="check and report only")
        back.add_argument(
            "--strict", action="store_true", help="save nothing if any unit is refused"
        )
        back.add_argument("--user", help="username recorded as the author of the revision")

    def handle(self, *args, action: str, **options) -> None:
        with override("en"):
            if action == "export":
                self.export(options["language"], options["all"], options["output"])
            else:
                self.import_(options)

    def export(self, language: str, everything: bool, output: str | None) -> None:
        po = export(language, everything)
        if output:
            po.save(output)
            self.stderr.write(f"{len(po)} units written to {output}")
        else:
            self.stdout.write(str(po))

    def import_(self, options) -> None:
        path = Path(options["file"])
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get_by_natural_key(options["user"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named {options['user']}.") from None
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            report = import_file(
                content,
                path.name,
                user=user,
                dry_run=options["dry_run"],
                strict=options["strict"],
            )
        except BrokenFile as error:
            raise CommandError(f"Nothing imported: {error}") from None
        verb = "saved" if report.saved else "not saved"
        self.stdout.write(
            f"{report.filename} ({report.language}): {report.total} units; "
            f"{len(report.applied)} translations {verb} on {report.objects_changed} objects, "
            f"{len(report.confirmed)} confirmed as still correct, "
            f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped."
        )
        for unit in report.skipped:
            where = f" “{unit.title}”, {unit.field_name}" if unit.title else ""
            self.stdout.write(f"  skipped {unit.id}{where}: {unit.reason}")
        if options["strict"] and report.skipped:
            raise CommandError("Nothing imported (--strict): some units were refused.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was changed.")
