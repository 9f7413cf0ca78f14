"""Per-user UI preferences (window geometry, column layout, language) in ``QSettings``.

Always the INI format, so a test can point every preference at ``tmp_path`` with
``QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp_path)``.
Settings that matter to the data (deadline rules, holidays, operator) live in the database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

ORGANISATION = "fazhi-desktop"
APPLICATION = "fazhi-desktop"


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANISATION, APPLICATION)


def get(key: str, default: Any = None) -> Any:
    return settings().value(key, default)


def put(key: str, value: Any) -> None:
    store = settings()
    store.setValue(key, value)
    store.sync()
