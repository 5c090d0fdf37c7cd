from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailCivilConfig(AppConfig):
    name = "wagtail_civil"
    label = "wagtail_civil"
    verbose_name = _("Civil society")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
