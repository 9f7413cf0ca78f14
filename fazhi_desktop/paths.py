"""Where things live: shipped resources and the default data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "fazhi-desktop"
DB_FILENAME = "fazhi.sqlite3"  # the database inside a data folder


def resource_dir() -> Path:
    """The ``resources/`` folder: beside the frozen executable, or at the source tree's top."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    """The per-user data folder (``FAZHI_DATA_DIR`` overrides it, e.g. for a portable install)."""
    override = os.environ.get("FAZHI_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
