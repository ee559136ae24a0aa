"""Clear the cached contact details when an editor changes them."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CONTACT_CACHE_KEY, Contact, SocialLink


@receiver([post_save, post_delete], sender=Contact)
@receiver([post_save, post_delete], sender=SocialLink)
def forget_cached_contact(**kwargs) -> None:
    cache.delete(CONTACT_CACHE_KEY)
