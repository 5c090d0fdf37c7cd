"""The read API: the site's public meetings, agreements, organisations, councils, action plans
and volunteer needs through Wagtail's API v2, for other municipalities, regions and researchers
(docs/api.md).

An installing site adds the router to its ``urls.py``, ahead of Wagtail's page URLs::

    from wagtail_civil.api import api_router

    urlpatterns = [
        ...
        path("api/v2/", api_router.urls),
        path("", include(wagtail_urls)),
    ]

A site with its own ``WagtailAPIRouter`` calls ``register_endpoints(its_router)`` instead.
"""

from __future__ import annotations

from wagtail.api.v2.router import WagtailAPIRouter

from .action_plans import ActionPlansEndpoint
from .agreements import AgreementsEndpoint
from .councils import CouncilsEndpoint
from .meetings import MeetingsEndpoint
from .organisations import OrganisationsEndpoint
from .volunteer_needs import VolunteerNeedsEndpoint

__all__ = ["ENDPOINTS", "api_router", "register_endpoints"]

# URL prefix → endpoint, in the order the documentation lists them.
ENDPOINTS = {
    "meetings": MeetingsEndpoint,
    "agreements": AgreementsEndpoint,
    "organisations": OrganisationsEndpoint,
    "councils": CouncilsEndpoint,
    "action-plans": ActionPlansEndpoint,
    "volunteer-needs": VolunteerNeedsEndpoint,
}


def register_endpoints(router: WagtailAPIRouter) -> WagtailAPIRouter:
    """Add the app's endpoints to ``router`` (a site's own API router); returns it."""
    for prefix, endpoint in ENDPOINTS.items():
        router.register_endpoint(prefix, endpoint)
    return router


api_router = register_endpoints(WagtailAPIRouter("wagtail_civil_api"))
