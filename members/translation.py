from modeltranslation.translator import TranslationOptions, register

from .models import Organization, State


@register(State)
class StateTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "abbreviation")
