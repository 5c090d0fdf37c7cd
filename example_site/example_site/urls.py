"""The demo site's URLs, in the order an installing site needs them.

``wagtail_civil.urls`` comes ahead of Wagtail's catch-all page URLs because feed URLs end in
``.ics``, which Wagtail's page-path pattern never matches. Both are in ``i18n_patterns``: the
English pages and feeds live under /en/, the Swedish ones where they always were
(docs/languages.md).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_civil.api import api_router

from .health import healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The read API (docs/api.md): public meetings, agreements, organisations, … as JSON.
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    # runserver serves static files by itself; media (uploaded images and documents) it does not.
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("wagtail_civil.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
