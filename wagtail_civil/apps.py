from typing import Any

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class WagtailCivilConfig(AppConfig):
    name = "wagtail_civil"
    label = "wagtail_civil"
    verbose_name = _("Civil society")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks once the apps are ready)
        from .accessibility import footer
        from .feeds import stamp
        from .follow_up import signals as follow_up_signals
        from .purging import connect_signals
        from .registration import changes, notices, publishing

        stamp.connect()  # moves the feeds' change stamp on every write a feed can show
        connect_signals()  # purges feeds from front-end caches when a site has configured them
        publishing.connect()  # gives the waitlist the seats an editor adds
        notices.connect()  # queues the registrants' and editors' emails
        changes.connect()  # tells registrants when their meeting moves or is cancelled
        follow_up_signals.connect()  # judges an agreement's commitments when a meeting changes
        footer.connect()  # forgets where the accessibility statement is when it changes


def civil_model(name: str) -> Any:
    """An app model by name, for the modules the models import (blocks, feeds, the organisation
    register): importing the model class there would be an import cycle."""
    return apps.get_model("wagtail_civil", name)
