"""Small helpers shared by the sync, conflict and backup screens (issues #4 and #7).

``exec_dialog`` is the one place those features run a dialog of their own modally; a test
replaces it (``monkeypatch.setattr(modal, "exec_dialog", fill_and_accept)``) to drive the
real dialog's widgets and answer it, exactly as ``ui/dialogs.py`` is replaced for message
boxes. The formatting helpers keep sizes and times looking the same on every screen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from fazhi_desktop.ui.i18n import tr


def exec_dialog(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when the user accepted it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def size_text(size: float) -> str:
    """Bytes as a person reads them: 812 字节, 3.4 KB, 12.5 MB, 1.2 GB."""
    if size < 1024:
        return tr("{n} 字节").format(n=int(size))
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}"
    return f"{size:.1f} GB"  # pragma: no cover - the loop always returns


def when_text(value: dt.datetime | str | None) -> str:
    """A stored time (aware datetime or ISO text; naive means UTC) in local time, to the minute."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def problem_label(parent: QWidget) -> QLabel:
    """The hidden red line under a form where a dialog says what is wrong with the input."""
    label = QLabel(parent)
    label.setStyleSheet("color: #b3261e;")
    label.hide()
    return label
