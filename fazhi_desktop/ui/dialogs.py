"""Every question and message box of the UI goes through these small functions.

Callers use them as ``dialogs.ask_yes_no(...)`` (attribute lookup at call time), so a test
replaces one with ``monkeypatch.setattr(dialogs, "ask_yes_no", lambda *a, **k: True)`` and
never has a modal box blocking the run (pytest-qt's "note_dialogs" advice).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from fazhi_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def show_error(parent: QWidget | None, text: str, *, details: str | None = None,
               title: str | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title or tr("出错了"), text,
                      QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_warning(parent: QWidget | None, text: str, *, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or tr("提示"), text)


def show_info(parent: QWidget | None, text: str, *, title: str | None = None) -> None:
    QMessageBox.information(parent, title or tr("提示"), text)


def ask_yes_no(parent: QWidget | None, text: str, *, title: str | None = None) -> bool:
    answer = QMessageBox.question(parent, title or tr("请确认"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_save_changes(parent: QWidget | None, text: str) -> str:
    """``SAVE``, ``DISCARD`` or ``CANCEL`` for a window closing with unsaved changes."""
    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    answer = QMessageBox.question(parent, tr("尚未保存"), text, buttons,
                                  QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def ask_open_file(parent: QWidget | None, title: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path or None


def ask_save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def ask_print(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """The system print dialog (printer, copies, page range) for a document of
    ``page_count`` pages; True when the user pressed 打印 (``printer`` then holds the choices)."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("打印"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, max(1, page_count))
    return dialog.exec() == QDialog.DialogCode.Accepted
