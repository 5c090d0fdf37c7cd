"""Per-module kill scores of the last ``mutmut run``, which mutmut itself prints only in total.

mutmut keeps each source file's results in ``mutants/<path>.meta`` (JSON: mutant name → the exit
code of the test run). A module's score is the share of its checked mutants that the tests
killed; mutants not checked in this run (a run limited by a name glob) are counted apart.

Run with ``make mutation`` or ``python scripts/mutation_report.py [--survivors] [--fail-under 95]``
from the repository root.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

# mutmut's exit codes (mutmut/stats.py): 1 and 3 are failed test runs, 36 and the signals a run
# that never finished, 37 a mutant the type checker rejected. All of these mean "caught".
KILLED = {1, 3, 36, 37, 24, -24, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}
SKIPPED = {34}


def classify(exit_code: int | None) -> str:
    """The outcome of one mutant, from the exit code mutmut recorded for it."""
    if exit_code is None:
        return "not checked"
    if exit_code in KILLED:
        return "killed"
    if exit_code in SURVIVED:
        return "survived"
    if exit_code in NO_TESTS:
        return "no tests"
    if exit_code in SKIPPED:
        return "skipped"
    return "suspicious"


def module_results(mutants: Path) -> dict[str, dict[str, str]]:
    """Each mutated module's mutants and their outcome, read from mutmut's ``.meta`` files."""
    results: dict[str, dict[str, str]] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        source = meta.relative_to(mutants).with_suffix("").as_posix()
        exit_codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if exit_codes:
            results[source] = {name: classify(code) for name, code in exit_codes.items()}
    return results


def score(outcomes: Counter[str]) -> tuple[int, int]:
    """Killed and checked mutants: "not checked" and "skipped" ones were never run."""
    checked = sum(outcomes.values()) - outcomes["not checked"] - outcomes["skipped"]
    return outcomes["killed"], checked


def report(results: dict[str, dict[str, str]], survivors: bool) -> list[tuple[str, float]]:
    """Print a line per module (and the survivors if asked); return the score of each module
    that had mutants checked."""
    width = max((len(source) for source in results), default=10)
    print(f"{'module':<{width}}  killed/checked  score  not killed (survived, no tests, other)")
    scores: list[tuple[str, float]] = []
    total: Counter[str] = Counter()
    for source, outcomes_by_name in results.items():
        outcomes = Counter(outcomes_by_name.values())
        total.update(outcomes)
        killed, checked = score(outcomes)
        other = checked - killed - outcomes["survived"] - outcomes["no tests"]
        unchecked = f"  ({outcomes['not checked']} not checked)" if outcomes["not checked"] else ""
        if checked:
            percent = 100.0 * killed / checked
            scores.append((source, percent))
            shown = f"{percent:5.1f}%"
        else:
            shown = "    - "
        print(
            f"{source:<{width}}  {killed:>6}/{checked:<7} {shown}  "
            f"{outcomes['survived']}, {outcomes['no tests']}, {other}{unchecked}"
        )
        if survivors:
            for name, outcome in outcomes_by_name.items():
                if outcome in ("survived", "no tests", "suspicious"):
                    print(f"    {outcome:<10} {name}")
    killed, checked = score(total)
    percent = 100.0 * killed / checked if checked else 100.0
    print(f"{'total':<{width}}  {killed:>6}/{checked:<7} {percent:5.1f}%")
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"), help="mutmut's folder")
    parser.add_argument("--survivors", action="store_true", help="name every mutant not killed")
    parser.add_argument(
        "--fail-under", type=float, metavar="PERCENT", help="exit 1 if a module scores less"
    )
    args = parser.parse_args(argv)
    results = module_results(args.mutants)
    if not results:
        print(f"no mutmut results in {args.mutants}/: run 'mutmut run' first", file=sys.stderr)
        return 1
    scores = report(results, args.survivors)
    if args.fail_under is not None:
        low = [source for source, percent in scores if percent < args.fail_under]
        if low:
            print(f"below {args.fail_under:g} %: {', '.join(low)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
