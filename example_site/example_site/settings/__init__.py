"""The demo site's settings: ``base`` shared, ``dev`` for ``make demo``, ``production`` for a
real deployment (docs/deployment.md). Choose with DJANGO_SETTINGS_MODULE."""
