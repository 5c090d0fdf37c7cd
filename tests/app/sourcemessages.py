"""What the app's sources mark for translation, found the way ``makemessages`` finds it.

Without xgettext: the Python files are parsed with ``ast`` (every call of a Django translation
function with literal text, whatever name it was imported under), the templates are turned into
code by Django's own ``templatize``, which is what ``makemessages`` hands to xgettext.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation.template import templatize

import wagtail_civil

APP = Path(wagtail_civil.__file__).resolve().parent

Message = tuple[str | None, str, str | None]  # context, msgid, plural

# Django's translation functions: where the context, the message and the plural are.
_SIGNATURES = {
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def python_messages() -> Iterator[tuple[str, Message]]:
    """``(file, message)`` for every call of a Django translation function with literal text,
    whatever name the function was imported under."""
    for path in sorted(APP.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        constants = {  # module-level NAME = "text", e.g. a context shared by many calls
            node.targets[0].id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
        }
        names = {
            alias.asname or alias.name: alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
            for alias in node.names
            if alias.name in _SIGNATURES
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or getattr(node.func, "id", None) not in names:
                continue
            signature = _SIGNATURES[names[node.func.id]]
            args = [
                a.value if isinstance(a, ast.Constant) else constants.get(getattr(a, "id", ""))
                for a in node.args
            ]
            picked = [None if i is None or i >= len(args) else args[i] for i in signature]
            if isinstance(picked[1], str):  # else not literal text: nothing to extract either
                yield str(path.relative_to(APP)), (picked[0], picked[1], picked[2])


_LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_TEMPLATE_CALL = re.compile(rf"\b(npgettext|pgettext|ngettext|gettext)\(((?:{_LITERAL}(?:, )?)+)")


def template_messages() -> Iterator[tuple[str, Message]]:
    """``(template, message)`` for every translatable text in the app's templates, found by
    Django's own ``templatize`` (what ``makemessages`` hands to xgettext)."""
    for path in sorted((APP / "templates").rglob("*")):
        if not path.is_file():
            continue
        code = templatize(path.read_text("utf-8"), origin=str(path))
        for function, arguments in _TEMPLATE_CALL.findall(code):
            texts = [ast.literal_eval(s) for s in re.findall(_LITERAL, arguments)]
            context = texts.pop(0) if function.startswith(("pgettext", "npgettext")) else None
            plural = texts[1] if function.startswith(("ngettext", "npgettext")) else None
            yield str(path.relative_to(APP)), (context, texts[0], plural)
