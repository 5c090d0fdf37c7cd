"""wagtail_civil: the Wagtail app of civilsamhalle."""
