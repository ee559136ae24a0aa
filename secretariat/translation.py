from modeltranslation.translator import TranslationOptions, register

from .models import (
    Body,
    Chairmanship,
    Contact,
    FormerBodyName,
    FormerPositionTitle,
    Person,
    Position,
    Priority,
    Secretariat,
)


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name", "role", "frequency")


@register(Secretariat)
class SecretariatTranslationOptions(TranslationOptions):
    fields = ("mandate",)


@register(Position)
class PositionTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Chairmanship)
class ChairmanshipTranslationOptions(TranslationOptions):
    fields = ("theme",)


@register(Priority)
class PriorityTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("address",)


@register(FormerBodyName)
class FormerBodyNameTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(FormerPositionTitle)
class FormerPositionTitleTranslationOptions(TranslationOptions):
    fields = ("title",)
