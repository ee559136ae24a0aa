from modeltranslation.translator import TranslationOptions, register

from .models import Organization, State, StatusChange


@register(State)
class StateTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "abbreviation")


@register(StatusChange)
class StatusChangeTranslationOptions(TranslationOptions):
    fields = ("note",)
