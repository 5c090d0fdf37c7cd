"""A meeting's invitation on paper: the ``print/`` route of :class:`.meetings.MeetingPage`.

A mixin placed first among the page's bases, so that its routes are served as they are while the
page's own address still goes through ``serve()`` as before (with the registration form).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from ..printing import qr_svg, readable_url, registration_by
from ..sites import absolute_url

__all__ = ["PrintRouteMixin"]


class PrintRouteMixin(RoutablePageMixin):
    """Adds ``print/``: the meeting as an A4 invitation (its screen version says how to print)."""

    def serve(
        self,
        request: HttpRequest,
        view: Any = None,
        args: Any = None,
        kwargs: Any = None,
    ) -> HttpResponse:
        # The page itself ("" route) is served by the page's serve() chain (the registration
        # form answers its POST there); only the extra routes are called directly.
        if view is None or getattr(view, "__func__", None) is RoutablePageMixin.index_route:
            return super().serve(request)
        return view(request, *(args or ()), **(kwargs or {}))

    def get_cached_paths(self) -> list[str]:
        return ["/", "/print/"]

    @path("print/", name="print")
    def print_invitation(self, request: HttpRequest) -> HttpResponse:
        url = absolute_url(self, request) or ""
        return self.render(
            request,
            template="wagtail_civil/meeting_print.html",
            context_overrides={
                "page_url": url,
                "page_url_text": readable_url(url),
                "qr_code": qr_svg(url) if url else "",
                "registration_by": registration_by(self),
            },
        )
