"""fazhi-desktop: 法治工作台账, an offline-first case manager for township rule-of-law work."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__`` from the installed metadata (``[project] version``), read on first use:
    ``importlib.metadata`` costs ~25 ms, which the GUI's start-up does not need to pay."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("fazhi-desktop")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0"
    globals()["__version__"] = found
    return found
