"""The three roles of the back office, as groups with permissions.

* Editors: add, change and delete all content, except that they cannot delete a
  state; no access to user accounts.
* Translators: view all content and change translated content, where the admin
  lets them edit only the non-English translations (editorial.translators).
* Administrators: every permission, user accounts included.

Permissions exist only once migrations have run, so the groups are made by a
``post_migrate`` handler (and by ``manage.py roles``), never by a data migration.
Running it again brings the groups back to these definitions.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes

from .translators import ADMINISTRATORS, EDITORS, TRANSLATORS, translated_fields


def content_models() -> list:
    """The models of the content apps (``settings.CICA_CONTENT_APPS``)."""
    return [
        model
        for label in settings.CICA_CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
    ]


def permission(model, action: str) -> Permission:
    opts = model._meta
    return Permission.objects.get(
        content_type__app_label=opts.app_label,
        codename=f"{action}_{opts.model_name}",
    )


def ensure_roles(verbosity: int = 0) -> dict[str, int]:
    """Create or update the three groups; returns the number of permissions of each."""
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)

    editors, translators = [], []
    for model in content_models():
        key = (model._meta.app_label, model._meta.model_name)
        editors += [permission(model, action) for action in ("add", "change", "view")]
        if f"{key[0]}.{key[1]}" not in settings.CICA_EDITORS_MAY_NOT_DELETE:
            editors.append(permission(model, "delete"))
        translators.append(permission(model, "view"))
        if translated_fields(model):
            translators.append(permission(model, "change"))

    granted = {
        EDITORS: editors,
        TRANSLATORS: translators,
        ADMINISTRATORS: list(Permission.objects.all()),
    }
    for name, permissions in granted.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
    return {name: len(permissions) for name, permissions in granted.items()}


def ensure_roles_after_migrate(sender, using="default", verbosity=1, **kwargs) -> None:
    if using != "default":
        return
    counts = ensure_roles()
    if verbosity >= 2:
        print(f"Roles: {counts}")
