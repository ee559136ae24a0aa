from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Introduction


@register(Introduction)
class IntroductionTranslationOptions(TranslationOptions):
    fields = ("tagline", "about", "mission")


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("text",)
