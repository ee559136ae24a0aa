from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion import get_registered_models
from reversion.models import Revision, Version

from . import dashboard as board
from . import transfiles
from .translations import LANGUAGES, status

CHANGES_PER_PAGE = 50


def translation_status(request):
    """The objects whose translations have gaps, for one language or all."""
    language = request.GET.get("language", "")
    if language and language not in LANGUAGES:
        raise Http404(_("Unknown language."))
    report = status()
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "report": [report[code] for code in ([language] if language else LANGUAGES)],
        "language": language,
        "may_exchange": transfiles.may_exchange(request.user),
        "downloads": [
            (code, report[code].missing + report[code].stale)
            for code, _name in transfiles.translatable_languages()
        ],
        "import_form": TranslationImportForm(),
    }
    return TemplateResponse(request, "admin/translation_status.html", context)


class TranslationImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Translated file (PO)"),
        help_text=gettext_lazy(
            "A file exported here and filled in with a translation tool. Its language is "
            "read from the file."
        ),
    )
    check_only = forms.BooleanField(
        required=False, label=gettext_lazy("Only check the file; change nothing")
    )
    strict = forms.BooleanField(
        required=False, label=gettext_lazy("Save nothing if any unit is refused")
    )


def translation_export(request):
    """A language's translator file: its empty fields and those to review, or all."""
    if not transfiles.may_exchange(request.user):
        raise PermissionDenied
    language = request.GET.get("language", "")
    if language not in dict(transfiles.translatable_languages()):
        raise Http404(_("Unknown language."))
    everything = request.GET.get("scope") == "all"
    po = transfiles.export(language, everything, site=request.get_host())
    response = HttpResponse(str(po), content_type="text/x-gettext-translation; charset=utf-8")
    name = transfiles.file_name(language, everything)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def translation_import(request):
    """A translated file read back: what was saved, and each unit refused with its reason."""
    if not transfiles.may_exchange(request.user):
        raise PermissionDenied
    form = TranslationImportForm(request.POST or None, request.FILES or None)
    report, error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = transfiles.import_file(
                upload.read(transfiles.MAX_FILE_SIZE + 1),
                upload.name,
                user=request.user,
                dry_run=form.cleaned_data["check_only"],
                strict=form.cleaned_data["strict"],
            )
        except transfiles.BrokenFile as broken:
            error = str(broken)
    context = {
        **admin.site.each_context(request),
        "title": _("Import translations"),
        "form": form,
        "report": report,
        "error": error,
        "check_only": form.is_bound and form.is_valid() and form.cleaned_data["check_only"],
        "strict": form.is_bound and form.is_valid() and form.cleaned_data["strict"],
    }
    status_code = 400 if error or (form.is_bound and not form.is_valid()) else 200
    return TemplateResponse(request, "admin/translation_import.html", context, status=status_code)


def dashboard(request):
    """The admin index with what editors start from: recent changes, drafts waiting,
    translations per language and shortcuts to the frequent tasks."""
    rows = board.translation_rows()
    context = {
        "recent_changes": board.recent_changes(request.user),
        "drafts": board.drafts(request.user),
        "languages": rows,
        "shortcuts": board.shortcuts(request),
        "is_administrator": board.is_administrator(request.user),
    }
    return admin.site.index(request, extra_context={"dashboard": context})


def status_shortcut(request):
    """The state chosen on the dashboard, opened at its changes of status."""
    state, state_admin = board.model_admin_for("members.State")
    if state_admin is None or not state_admin.has_change_permission(request):
        raise PermissionDenied
    chosen = request.GET.get("state", "")
    if not chosen:
        return redirect(board.admin_url(state, "changelist"))
    pk = board._to_pk(state, chosen)
    if pk is None or not state._base_manager.filter(pk=pk).exists():
        raise Http404(_("No such state."))
    return redirect(board.admin_url(state, "change", pk) + "#status_changes-group")


def change_diff(request, version_id: int):
    """One version of an object, field by field against the version before it."""
    version = get_object_or_404(
        Version.objects.select_related("revision__user", "content_type"), pk=version_id
    )
    if version.content_type_id not in board.viewable_content_types(request.user):
        raise PermissionDenied
    earlier, later = board.earlier_and_later(version)
    rows = board.version_diff(version, earlier)
    board.link_objects([version])
    siblings = list(
        Version.objects.filter(revision_id=version.revision_id)
        .exclude(pk=version.pk)
        .filter(content_type_id__in=board.viewable_content_types(request.user))
        .select_related("content_type")
        .defer("serialized_data")
        .order_by("pk")[:50]
    )
    board.link_objects(siblings)
    model = version.content_type.model_class()
    history_url = ""
    if version.change_url and model in admin.site._registry:
        history_url = board.admin_url(model, "history", board._to_pk(model, version.object_id))
    context = {
        **admin.site.each_context(request),
        "title": _("Change to “{name}”").format(name=version.object_repr),
        "version": version,
        "kind": board.kind_of(version),
        "earlier": earlier,
        "later": later,
        "changed": [row for row in rows if row.changed],
        "unchanged": [row for row in rows if not row.changed and (row.before or row.after)],
        "siblings": siblings,
        "history_url": history_url,
        "is_administrator": board.is_administrator(request.user),
    }
    return TemplateResponse(request, "admin/changes/diff.html", context)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        full = user.get_full_name()
        return f"{full} ({user.get_username()})" if full else user.get_username()


class ChangesFilter(forms.Form):
    person = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=gettext_lazy("Person"),
        empty_label=gettext_lazy("Everyone"),
    )
    since = forms.DateField(
        required=False,
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        required=False,
        label=gettext_lazy("Until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    kind = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label=gettext_lazy("Kind of content")
    )
    revision = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(pk__in=Revision.objects.filter(user__isnull=False).values("user"))
            .order_by("username")
        )
        types = ContentType.objects.get_for_models(*get_registered_models())
        self.fields["kind"].choices = [("", _("All kinds"))] + sorted(
            (
                (content_type.pk, str(model._meta.verbose_name_plural).capitalize())
                for model, content_type in types.items()
            ),
            key=lambda choice: choice[1],
        )

    def clean(self):
        cleaned_data = super().clean()
        since, until = cleaned_data.get("since"), cleaned_data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The first day comes after the last day."))
        return cleaned_data

    def filter(self, versions):
        data = self.cleaned_data
        if data.get("person"):
            versions = versions.filter(revision__user=data["person"])
        if data.get("since"):
            versions = versions.filter(revision__date_created__date__gte=data["since"])
        if data.get("until"):
            versions = versions.filter(revision__date_created__date__lte=data["until"])
        if data.get("kind"):
            versions = versions.filter(content_type_id=data["kind"])
        if data.get("revision"):
            versions = versions.filter(revision_id=data["revision"])
        return versions


def all_changes(request):
    """Every change, newest first, by person, dates and kind of content: administrators."""
    if not board.is_administrator(request.user):
        raise PermissionDenied
    form = ChangesFilter(request.GET or None)
    versions = (
        Version.objects.select_related("revision__user", "content_type")
        .defer("serialized_data")
        .order_by("-revision__date_created", "-revision_id", "pk")
    )
    if form.is_bound and form.is_valid():
        versions = form.filter(versions)
    elif form.is_bound:
        versions = versions.none()
    page = Paginator(versions, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    board.link_objects(page.object_list)
    context = {
        **admin.site.each_context(request),
        "title": _("All changes"),
        "form": form,
        "page": page,
    }
    return TemplateResponse(request, "admin/changes/list.html", context)
