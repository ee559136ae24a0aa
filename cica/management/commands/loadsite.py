from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import capfirst
from reversion import add_to_revision, create_revision, is_registered, set_comment
from reversion.revisions import _get_options

from editorial.roles import content_models
from editorial.translators import translated_fields

# Deployment data, in the order it must be loaded: later files refer to earlier ones.
# The first five are the snapshot (CICA as the infographic shows it, true as of 2021);
# "changes" holds what changed since, so that both together are true as of today.
FIXTURES = ["cica", "members", "cbm", "timeline", "secretariat", "changes"]

FIRST_VERSION = "Initial version, loaded from the fixtures."
RELOADED = "Loaded again from the fixtures (loadsite --overwrite)."
LISTED = 20  # changed objects named in a refusal; the rest are counted


def content_rows() -> dict[str, int]:
    """The content models that hold rows, with their counts."""
    counts = {
        str(model._meta.verbose_name_plural): model._base_manager.count()
        for model in content_models()
    }
    return {name: count for name, count in counts.items() if count}


def snapshot() -> dict[tuple, dict]:
    """Every content row, as ``{(model, pk): {field: value}}``, many-to-many included."""
    rows = {}
    for model in content_models():
        for row in serializers.serialize("python", model._base_manager.order_by("pk")):
            rows[(model, row["pk"])] = row["fields"]
    return rows


class Change:
    """One row that loading the fixtures added, brought back or overwrote."""

    def __init__(self, model, pk, before: dict | None, after: dict) -> None:
        self.model, self.pk = model, pk
        self.before, self.after = before, after
        # A translated field's own column repeats its English translation: named once.
        originals = set(translated_fields(model))
        self.fields = [
            name
            for name in after
            if before and before.get(name) != after[name] and name not in originals
        ]

    def instance(self):
        return self.model._base_manager.get(pk=self.pk)

    def owners(self) -> list:
        """The objects whose versions hold this row (a state for its status changes)."""
        instance, owners = self.instance(), []
        for field in self.model._meta.concrete_fields:
            parent = field.related_model
            if not field.many_to_one or not is_registered(parent):
                continue
            accessor = field.remote_field.get_accessor_name()
            if accessor in _get_options(parent).follow:
                owner = getattr(instance, field.name)
                if owner is not None:
                    owners.append(owner)
        return owners

    def describe(self) -> str:
        opts = self.model._meta
        label = f"{capfirst(opts.verbose_name)} “{self.instance()}”"
        if not self.fields:
            return f"{label}: not in the database (deleted, or new in the fixtures), would be added"
        fields = "; ".join(
            f"{opts.get_field(name).verbose_name} ({shown(self.before[name])} → "
            f"{shown(self.after[name])})"
            for name in self.fields
        )
        return f"{label}: {fields}"


def shown(value, length: int = 60) -> str:
    text = "" if value is None else str(value)
    text = text if len(text) <= length else text[: length - 1] + "…"
    return f"“{text}”"


def changes(before: dict, after: dict) -> list[Change]:
    return [
        Change(model, pk, before.get((model, pk)), fields)
        for (model, pk), fields in after.items()
        if before.get((model, pk)) != fields
    ]


class Command(BaseCommand):
    help = (
        "Load the whole organisation from fixtures/ in one transaction (all or nothing) and "
        "give every object its first version in the history. A database that already holds "
        "content is left alone: the command names what loading would overwrite and stops, "
        "unless it is given --overwrite (or --if-empty, to do nothing quietly)."
    )

    def add_arguments(self, parser) -> None:
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database without content, and keep what is there otherwise "
            "(make run uses it, so that a second run keeps what was edited).",
        )
        choice.add_argument(
            "--overwrite",
            action="store_true",
            help="Load into a database that holds content: rows the fixtures define get the "
            "fixtures' values again, edits made to them are replaced, and each changed object "
            "gets a new version in the history (the edited one stays there).",
        )

    def handle(self, *args, if_empty=False, overwrite=False, **options) -> None:
        verbosity = options["verbosity"]
        found = content_rows()
        if if_empty and found:
            summary = ", ".join(f"{count} {name}" for name, count in sorted(found.items())[:3])
            more = ", …" if len(found) > 3 else ""
            self.stdout.write(
                f"The database already holds content ({summary}{more}): nothing loaded, "
                "what was edited is kept."
            )
            return
        # Loading again, the command reports what changed instead of what was read.
        inner = 0 if found else verbosity
        with transaction.atomic():
            before = snapshot() if found else {}
            call_command("loaddata", *FIXTURES, verbosity=inner)
            changed = changes(before, snapshot()) if found else []
            if found and not overwrite:
                # Raising rolls the load back: the database is as it was.
                raise CommandError(self.refusal(changed))
            if changed:
                self.record(changed)
            call_command("createinitialrevisions", comment=FIRST_VERSION, verbosity=inner)
        if found and verbosity:
            self.stdout.write(
                f"Loaded again: {len(changed)} objects changed, each with a new version."
                if changed
                else "Loaded again: the content already matched the fixtures, nothing changed."
            )

    def refusal(self, changed: list[Change]) -> str:
        lines = ["The database already holds content: nothing loaded."]
        if not changed:
            lines.append("Its content matches the fixtures, so loading them would change nothing.")
        else:
            lines.append(
                f"Loading the fixtures would overwrite or add {len(changed)} objects "
                "(edits made in the admin would be lost from the live site):"
            )
            lines += [f"  - {change.describe()}" for change in changed[:LISTED]]
            if len(changed) > LISTED:
                lines.append(f"  … and {len(changed) - LISTED} more.")
            lines.append(
                "Run it with --overwrite to load them anyway (each changed object gets a new "
                "version in the history, so the edits can be restored from there)."
            )
        return "\n".join(lines)

    def record(self, changed: list[Change]) -> None:
        with create_revision(manage_manually=True):
            set_comment(RELOADED)
            for change in changed:
                if is_registered(change.model):
                    add_to_revision(change.instance())
                for owner in change.owners():
                    add_to_revision(owner)
