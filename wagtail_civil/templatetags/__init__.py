"""Template tags of the app: ``{% load civil_tags %}``."""
