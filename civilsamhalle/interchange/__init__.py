"""Moving data in and out of civilsamhalle without Wagtail.

:mod:`.jsonfile` reads and writes a whole :class:`~civilsamhalle.model.Dataset` as JSON;
:mod:`.consistency` holds the rules that span a whole file.
"""

from ..errors import DataFileError, InvalidData
from .jsonfile import dump, dumps, load, loads

__all__ = ["DataFileError", "InvalidData", "dump", "dumps", "load", "loads"]
