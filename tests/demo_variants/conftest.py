"""The demo loaded otherwise than the shared load of tests/demo: with other settings (several
languages) or at a fixed clock. Each module loads its own, in a transaction rolled back when it
ends, so these modules live outside the package whose tests share one load."""

from tests.demo.conftest import demo, load  # noqa: F401 (fixtures over this package's own load)
