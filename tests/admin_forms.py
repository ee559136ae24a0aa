"""Build the POST of an admin form from the page the admin rendered, as a browser would."""

from editorial.concurrency import TOKEN_FIELD


def _field_values(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        name = bound.html_name
        widget = bound.field.widget
        if value is None or getattr(widget, "input_type", "") == "file":
            continue
        if isinstance(value, bool) or widget.__class__.__name__ == "CheckboxInput":
            if value:
                data[name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
            continue
        data[name] = str(value)
    return data


def admin_form_data(response, **changes) -> dict:
    """The data of the change (or add, recover, revert) form in ``response``, plus changes."""
    context = response.context
    data = _field_values(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for bound in management:
            data[bound.html_name] = bound.value()
        for form in formset.forms:
            data |= _field_values(form)
    return data | changes


def opened_version(client, url: str) -> dict:
    """The hidden snapshot a change form carries, for a POST built by hand: without it
    the admin refuses the save as possibly out of date (editorial/concurrency.py)."""
    return {TOKEN_FIELD: admin_form_data(client.get(url))[TOKEN_FIELD]}


def changelist_form_data(response, **changes) -> dict:
    """The data of the editable columns of the change list in ``response``, to save them."""
    formset = response.context["cl"].formset
    data = {bound.html_name: bound.value() for bound in formset.management_form}
    for form in formset.forms:
        data |= _field_values(form)
    return data | {"_save": "Save"} | changes
