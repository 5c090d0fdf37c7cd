"""What an import did, per kind of object, and every record it could not take with its place."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ImportFailed", "Report"]


class ImportFailed(Exception):
    """The import wrote nothing: ``problems`` holds every bad record as ``file: place: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Report:
    """Counts per kind ("meeting", "organisation", …) for the command's summary and for tests."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, *, created: bool = False, changed: bool = False) -> None:
        bucket = self.created if created else self.updated if changed else self.unchanged
        bucket[kind] = bucket.get(kind, 0) + 1

    def add(self, other: Report) -> None:
        """Add ``other``'s counts to these (a load made of several imports)."""
        for mine, theirs in (
            (self.created, other.created),
            (self.updated, other.updated),
            (self.unchanged, other.unchanged),
        ):
            for kind, number in theirs.items():
                mine[kind] = mine.get(kind, 0) + number

    def lines(self) -> list[str]:
        kinds = sorted({*self.created, *self.updated, *self.unchanged})
        return [
            f"  {kind:<22} {self.created.get(kind, 0):>3} created, "
            f"{self.updated.get(kind, 0):>3} updated, {self.unchanged.get(kind, 0):>3} unchanged"
            for kind in kinds
        ]
