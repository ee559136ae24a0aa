from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.keys import KeyedModel, KeyedQuerySet, key_field
from secretariat.singleton import SingletonModel


class Introduction(SingletonModel):
    """What CICA is and does: the opening of the home page. There is one."""

    tagline = models.CharField(
        _("tagline"),
        max_length=300,
        help_text=_("One sentence under the organisation's name at the top of the home page."),
    )
    about = models.TextField(
        _("what CICA is"),
        help_text=_(
            "A short paragraph. Figures such as the number of member states are added "
            "from the data; do not type them here."
        ),
    )
    mission = models.TextField(
        _("what CICA does"),
        help_text=_("A short paragraph shown under the goals."),
    )

    class Meta(SingletonModel.Meta):
        verbose_name = _("introduction")
        verbose_name_plural = _("introduction")

    def __str__(self) -> str:
        return str(_("Home page introduction"))

    def get_absolute_url(self) -> str:
        return reverse("cica:home")


class Goal(KeyedModel):
    """One of the goals CICA pursues, listed on the home page."""

    key = key_field()
    key_source = "text"
    text = models.CharField(_("text"), max_length=300)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Goals are listed from the lowest number up.")
    )

    objects = KeyedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("cica:home") + "#goals"
