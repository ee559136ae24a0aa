"""Records that exist once: the home page introduction, the Secretariat, the contacts."""

from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse


class SingletonQuerySet(models.QuerySet):
    def get_solo(self):
        """The one record, or None on a database without content yet."""
        return self.filter(pk=SingletonModel.SOLO_PK).first()


class SingletonModel(models.Model):
    """A model with at most one row; the database refuses a second (its key is always 1)."""

    SOLO_PK = 1

    objects = SingletonQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=1), name="%(app_label)s_%(class)s_single_row"
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        self.pk = self.SOLO_PK
        super().save(*args, **kwargs)


class SingletonAdminMixin:
    """The admin of a single record: it can be changed, never added twice or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Adding is offered only by the change list, which sends an empty database to
        # the add form; elsewhere (the admin's navigation) the answer needs no query.
        if not super().has_add_permission(request):
            return False
        opts = self.model._meta
        match = getattr(request, "resolver_match", None)
        on_add_form = match is not None and match.url_name == (
            f"{opts.app_label}_{opts.model_name}_add"
        )
        return on_add_form and not self.model.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        record = self.model.objects.get_solo()
        opts = self.model._meta
        if record is None:
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        )
