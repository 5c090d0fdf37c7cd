"""Moving data in and out of civilsamhalle without Wagtail.

:mod:`.jsonfile` reads and writes a whole :class:`~civilsamhalle.model.Dataset` as JSON;
:mod:`.consistency` holds the rules that span a whole file. The format is described in
``docs/data-format.md``; :func:`json_schema` gives it as a JSON Schema.
"""

from ..errors import DataFileError, InvalidData
from .jsonfile import dump, dumps, json_schema, load, loads

__all__ = ["DataFileError", "InvalidData", "dump", "dumps", "json_schema", "load", "loads"]
