"""Great Expectations imported without loading `scipy.stats` until something uses it.

GE imports `scipy.stats` when it is imported, for three distribution expectations and
metrics (KL divergence, two KS tests) that none of our suites uses. That module is about
0.9 s of GE's ~3 s import, paid by every run (in GE's own process for `cla run`,
`quality/gx_process.py`; docs/benchmarks.md, ninth session). Here `scipy.stats` is
made a lazy module (the standard library's `importlib.util.LazyLoader`) and set on the
`scipy` package before GE is imported: the first attribute anything reads from it loads
it, in full, as an import would have. Nothing of ours uses scipy.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from types import ModuleType

_LOCK = threading.Lock()


def defer_scipy_stats() -> None:
    """`scipy.stats` a lazy module, unless something imported it already."""
    with _LOCK:
        if "scipy.stats" in sys.modules:
            return
        import scipy

        spec = importlib.util.find_spec("scipy.stats")
        if spec is None or spec.loader is None:
            return
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules["scipy.stats"] = module
        spec.loader.exec_module(module)
        # on the package too: `from scipy import stats` then finds it without importing it,
        # which would load it at once (Python 3.11 reads the module's spec to import it)
        scipy.stats = module  # type: ignore[attr-defined]


def great_expectations() -> ModuleType:
    """The `great_expectations` package."""
    defer_scipy_stats()
    return importlib.import_module("great_expectations")
