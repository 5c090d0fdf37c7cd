"""The demo site's content, rebuilt from five municipalities' published pages (the seeds).

The content is data: ``data/*.json`` in the app's data format, loaded by the app's import
(:mod:`wagtail_civil.importing`) through ``manage.py load_demo`` (:mod:`demo.loader`).
``wagtail_civil`` never imports this package: the demo depends on the app, not the other way round.
"""
