"""Volunteering: the public forms for offers and reported needs, the emails to residents, the
offers in the admin, and the erasing of offers' personal data (docs/volunteering.md)."""
