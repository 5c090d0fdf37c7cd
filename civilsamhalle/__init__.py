"""civilsamhalle: a municipality's collaboration with civil society, without a framework.

The core imports neither Django nor Wagtail, so its rules and calendars can be reused by any
Python program and tested without a database.
"""

__version__ = "0.1.0.dev0"
