from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The demo site's own page type: the start page above the civil-society pages."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
