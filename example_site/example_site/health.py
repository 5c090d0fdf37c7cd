"""``/healthz/``: what a load balancer asks before sending an app server requests."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" once this process can reach the database; any failure answers 500.

    The cache is not asked: feeds are served uncached while Redis is down, so its absence must
    not take every app server out of the load balancer at once.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain")
