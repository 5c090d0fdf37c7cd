"""A site in two languages for the i18n tests: the test site (Swedish) and its English
translation, made with Wagtail's ``copy_for_translation`` as the admin's "Translate" does."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import override_settings
from wagtail.models import Locale, Page, Site

from tests.app.conftest import CivilSite, publish

__all__ = ["TwoLanguages", "i18n_on", "two_languages"]


@dataclass
class TwoLanguages:
    swedish: CivilSite
    english_locale: Locale
    english_home: Page

    def translate(self, page: Any, **fields: Any) -> Any:
        """``page``'s English translation with ``fields`` changed, published."""
        translation = page.copy_for_translation(self.english_locale, copy_parents=True)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        return publish(translation)


@pytest.fixture
def i18n_on() -> Iterator[None]:
    """WAGTAIL_I18N_ENABLED with pages under i18n_patterns (tests/i18n_urls.py)."""
    with override_settings(WAGTAIL_I18N_ENABLED=True, ROOT_URLCONF="tests.i18n_urls"):
        Site.clear_site_root_paths_cache()
        yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def two_languages(civil_site: CivilSite, i18n_on: None) -> TwoLanguages:
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = civil_site.home.copy_for_translation(english)
    home.title = "Test Municipality"
    home.save()
    home = publish(home)
    Site.clear_site_root_paths_cache()
    return TwoLanguages(swedish=civil_site, english_locale=english, english_home=home)
