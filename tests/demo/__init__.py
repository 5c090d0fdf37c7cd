"""Tests of the demo site's content (example_site/demo) and of every calendar feed it offers."""
