"""Per-module kill scores of the last ``mutmut run``, which mutmut itself prints only in total.

mutmut keeps each source file's results in ``mutants/<path>.meta`` (JSON: mutant name → the exit
code of the test run). A module's score is the share of its checked mutants that the tests
killed; mutants not checked in this run (a run limited by a name glob) are counted apart, and so
are surviving mutants of the modules that build iCalendar components that only change the case of
a string ("DTSTART" for "dtstart"): icalendar reads and writes property and parameter names in
capitals whatever they are given in. They are listed with ``--survivors`` all the same.

Run with ``make mutation`` or ``python scripts/mutation_report.py [--survivors] [--fail-under 95]``
from the repository root.
"""

from __future__ import annotations

import argparse
import ast
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
NOT_SCORED = ("not checked", "skipped", "case only")
# Modules whose string literals are iCalendar names (properties, parameters, rule parts) that
# icalendar upper-cases; elsewhere a change of case is a change like any other.
ICALENDAR_NAMES = ("civilsamhalle/calendar/feed.py", "civilsamhalle/calendar/timezones.py")


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


def function_bodies(mutated_source: Path) -> dict[str, str]:
    """The code of every function in mutmut's copy of a module (mutants are functions named
    ``x_<function>__mutmut_<n>`` beside ``…__mutmut_orig``), by name, without the name."""
    tree = ast.parse(mutated_source.read_text(encoding="utf-8"))
    return {
        node.name: "\n".join(ast.unparse(statement) for statement in node.body)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def is_case_only(name: str, bodies: dict[str, str]) -> bool:
    """Whether mutant ``name`` differs from the original function in letter case alone."""
    function = name.rpartition(".")[2]
    original = bodies.get(function.rpartition("__mutmut_")[0] + "__mutmut_orig")
    mutated = bodies.get(function)
    return None not in (original, mutated) and original.lower() == mutated.lower()


def module_results(mutants: Path) -> dict[str, dict[str, str]]:
    """Each mutated module's mutants and their outcome, read from mutmut's ``.meta`` files."""
    results: dict[str, dict[str, str]] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        source = meta.relative_to(mutants).with_suffix("").as_posix()
        exit_codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not exit_codes:
            continue
        outcomes = {name: classify(code) for name, code in exit_codes.items()}
        if source in ICALENDAR_NAMES and "survived" in outcomes.values():
            bodies = function_bodies(meta.with_suffix(""))
            for name, outcome in outcomes.items():
                if outcome == "survived" and is_case_only(name, bodies):
                    outcomes[name] = "case only"
        results[source] = outcomes
    return results


def score(outcomes: Counter[str]) -> tuple[int, int]:
    """Killed and checked mutants: "not checked" and "skipped" ones were never run, and
    "case only" ones are left out of the score."""
    checked = sum(outcomes.values()) - sum(outcomes[o] for o in NOT_SCORED)
    return outcomes["killed"], checked


def report(results: dict[str, dict[str, str]], survivors: bool) -> list[tuple[str, float]]:
    """Print a line per module (and the survivors if asked); return the score of each module
    that had mutants checked."""
    width = max((len(source) for source in results), default=10)
    print(
        f"{'module':<{width}}  killed/scored   score  "
        "not killed (survived, no tests, other)  left out"
    )
    scores: list[tuple[str, float]] = []
    total: Counter[str] = Counter()
    for source, outcomes_by_name in results.items():
        outcomes = Counter(outcomes_by_name.values())
        total.update(outcomes)
        killed, checked = score(outcomes)
        other = checked - killed - outcomes["survived"] - outcomes["no tests"]
        left_out = ", ".join(f"{outcomes[o]} {o}" for o in NOT_SCORED if outcomes[o])
        if checked:
            percent = 100.0 * killed / checked
            scores.append((source, percent))
            shown = f"{percent:5.1f}%"
        else:
            shown = "    - "
        print(
            f"{source:<{width}}  {killed:>6}/{checked:<7} {shown}  "
            f"{outcomes['survived']:>4}, {outcomes['no tests']}, {other:<28} {left_out}"
        )
        if survivors:
            for name, outcome in outcomes_by_name.items():
                if outcome in ("survived", "no tests", "suspicious", "case only"):
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
