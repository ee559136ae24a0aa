from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import ContentAdmin, PlainContentAdmin

from .models import Area, Assignment, Dimension
from .services import conflicts


class AssignmentFormSet(forms.BaseInlineFormSet):
    """Checks the area's assignments together, as they will stand once saved."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        problems = conflicts(kept)
        if problems:
            raise forms.ValidationError(problems)

    def save_existing_objects(self, commit: bool = True):
        # A role may move from one state to another in one save. Save the rows
        # that give up a coordinator role first, so that no moment has two
        # coordinators (SQLite checks each row as it is written).
        count = self.initial_form_count()
        self.forms[:count] = sorted(
            self.forms[:count], key=lambda form: form.cleaned_data.get("role") == "coordinator"
        )
        return super().save_existing_objects(commit)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    formset = AssignmentFormSet
    fields = ("state", "role", "start_year", "end_year", "order")
    autocomplete_fields = ("state",)
    extra = 1


@admin.register(Dimension)
class DimensionAdmin(ContentAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    search_fields = ("name_en", "name_ru", "name_zh_hans", "name_ar")
    fields = ("name", "description", "order", "key")
    readonly_fields = ("key",)


@admin.register(Area)
class AreaAdmin(ContentAdmin):
    list_display = ("name", "dimension", "is_general", "since_year", "coordinators", "order")
    list_editable = ("order",)
    list_filter = ("dimension", "assignments__role")
    search_fields = ("name_en", "name_ru", "name_zh_hans", "name_ar")
    list_select_related = ("dimension",)
    ordering = ("dimension__order", "order")
    fields = ("dimension", "name", "is_general", "since_year", "order", "key")
    readonly_fields = ("key",)
    inlines = [AssignmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assignments__state")

    @admin.display(description=_("coordinators"))
    def coordinators(self, area: Area) -> str:
        coordinators = [
            assignment
            for assignment in area.assignments.all()
            if assignment.is_coordinator and assignment.end_year is None
        ]
        return ", ".join(str(assignment.state) for assignment in coordinators) or "—"


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ("area", "state", "role", "start_year", "end_year", "order")

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        candidate = Assignment(
            pk=self.instance.pk,
            **{field: cleaned_data.get(field) for field in self._meta.fields},
        )
        others = Assignment.objects.filter(area=candidate.area).exclude(pk=candidate.pk)
        problems = conflicts([candidate, *others.select_related("state")])
        if problems:
            raise forms.ValidationError(problems)
        return cleaned_data


@admin.register(Assignment)
class AssignmentAdmin(PlainContentAdmin):
    form = AssignmentForm
    list_display = ("state", "role", "area", "dimension", "start_year", "end_year")
    list_filter = ("role", "area__dimension", "area")
    search_fields = (
        "state__name_en", "state__name_ru", "state__name_zh_hans", "state__name_ar",
        "area__name_en", "area__name_ru", "area__name_zh_hans", "area__name_ar",
    )  # fmt: skip
    list_select_related = ("state", "area__dimension")
    autocomplete_fields = ("state", "area")
    ordering = ("area__dimension__order", "area__order", "order")

    @admin.display(description=_("dimension"), ordering="area__dimension__order")
    def dimension(self, assignment: Assignment) -> str:
        return str(assignment.area.dimension)
