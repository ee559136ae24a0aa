from modeltranslation.translator import TranslationOptions, register

from .models import Document, Event, MeetingName


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "place", "theme", "description")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    # One file per language: file_en, file_ru, file_zh_hans, file_ar. Pages do not
    # read "file" (which would fall back to English silently) but Document.file_for(),
    # which says which language's file it offers.
    fields = ("title", "file")


@register(MeetingName)
class MeetingNameTranslationOptions(TranslationOptions):
    fields = ("name", "numbered_name")
