"""The example site's production settings for ``registration_load.py``, with the rate limit off.

The benchmark posts 300 registrations from one address within seconds; the per-client limit
would rightly answer most of them 429. Production's default is left as it is.
"""

from example_site.settings.production import *  # noqa: F403

WAGTAIL_CIVIL_REGISTRATION_RATE_LIMIT = None
