"""Clear the cached names of meetings when an editor changes them."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import MEETING_NAMES_CACHE_KEY, MeetingName


@receiver([post_save, post_delete], sender=MeetingName)
def forget_cached_meeting_names(**kwargs) -> None:
    cache.delete(MEETING_NAMES_CACHE_KEY)
