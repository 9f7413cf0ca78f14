"""Work-arounds for bugs in the Qt binding we ship, each with the reason and how to drop it.

PySide6 6.12.0 drops one reference to ``None`` every time C++ receives ``None`` back from a
Python override (a table model's ``data()`` for a role it does not serve, a default
``headerData``…). On Python 3.11 ``None`` is an ordinary reference-counted object, so a long
day of scrolling through registers drives its count to zero and the interpreter aborts with
"Fatal Python error: none_dealloc" — losing whatever the clerk was typing. Python 3.12 made
``None`` immortal; here we do the same by hand: give ``None`` a reference count no session can
use up. ``True`` and ``False`` get the same treatment: a test run once died at exit with
"Fatal Python error: bool_dealloc" after a failed model test, the same kind of lost reference.
Drop this when the project moves to Python ≥ 3.12 or a PySide6 without the leak.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # about 10^12 references: centuries of repaints


def protect_none() -> None:
    """Make ``None``, ``True`` and ``False`` effectively immortal on CPython < 3.12 (a no-op
    elsewhere)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        if sys.getrefcount(singleton) > _HEADROOM // 2:
            continue  # already done
        # ob_refcnt is the first field of every PyObject in a release build of CPython 3.11.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
