"""Non-page URLs of the app (calendar feeds). Include ahead of Wagtail's own URLs:

    path("", include("wagtail_civil.urls")),
    path("", include(wagtail_urls)),
"""

app_name = "wagtail_civil"
urlpatterns: list = []
