"""The demo site's content, rebuilt from five municipalities' published pages (the seeds).

``manage.py load_demo`` calls :func:`demo.loader.load_demo`. The content lives in plain modules
(:mod:`.organisations`, :mod:`.pages`, :mod:`.meetings`, :mod:`.hidden`) in the shapes of
:mod:`.specs`; only :mod:`.loader` and :mod:`.upsert` touch the database. ``wagtail_civil`` never
imports this package: the demo depends on the app, not the other way round.
"""
