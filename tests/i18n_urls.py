"""The tests' URLs for a site of several languages: pages and feeds under i18n_patterns, as
docs/languages.md tells an installer: Swedish at /, English at /en/ (/en/calendar/all.ics)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from wagtail_civil import urls as civil_urls

urlpatterns = [path("admin/", include(wagtailadmin_urls))]
urlpatterns += i18n_patterns(
    path("", include(civil_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
