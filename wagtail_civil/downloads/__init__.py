"""Open data downloads of the list pages: the organisation register as CSV and Popolo JSON,
a meeting list as CSV (docs/open-data.md).

The list pages route to them (``<directory>/download/csv/``, ``<directory>/download/popolo/``,
``<meeting list>/download/csv/``): page routes cannot end in ``.csv`` (Wagtail serves only
``[\\w-]+/`` segments), and as routes of the page they are served for the page's site, behind
its view restriction, and purged with it. They are cached as the feeds are
(:mod:`.serving`).
"""

from __future__ import annotations

from .meetings import meetings_csv
from .organisations import organisations_csv, organisations_popolo

__all__ = ["meetings_csv", "organisations_csv", "organisations_popolo"]
