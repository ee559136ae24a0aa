from modeltranslation.translator import TranslationOptions, register

from .models import Area, Dimension


@register(Dimension)
class DimensionTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Area)
class AreaTranslationOptions(TranslationOptions):
    fields = ("name",)
