"""Small input widgets shared by the editors, the filter bar and the dialogs.

``DateField``: a ``QDateEdit`` with a calendar popup **and an empty state** (Qt's date edit has
none): the minimum date is a sentinel shown as "—", a × button clears it, and the popup of an
empty field opens on the current month instead of the sentinel's.
``CodeCombo``: a drop-down of a code set's labels (Chinese or English) holding the codes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

from fazhi_desktop.domain import codes
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.i18n import tr

_EMPTY = QDate(1900, 1, 1)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DateField(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today or dt.date.today()
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(_EMPTY)
        self.edit.setSpecialValueText("—")
        self.edit.setDate(_EMPTY)
        self.edit.calendarWidget().installEventFilter(self)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setToolTip(tr("清除日期"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._on_changed)
        self._update_clear()

    def value(self) -> dt.date | None:
        day = self.edit.date()
        return None if day == _EMPTY else from_qdate(day)

    def set_value(self, day: dt.date | None) -> None:
        self.edit.setDate(_EMPTY if day is None else to_qdate(day))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear_button.setVisible(not read_only)

    def _on_changed(self) -> None:
        self._update_clear()
        self.changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(self.value() is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            self.edit.calendarWidget().setCurrentPage(self._today.year, self._today.month)
        return False


class CodeCombo(QComboBox):
    """Labels of ``codeset`` in the UI language; ``value()`` is the code (None when blank)."""

    changed = Signal()

    def __init__(self, codeset: str, parent: QWidget | None = None, *,
                 blank: str | None = "") -> None:
        super().__init__(parent)
        self.codeset = codeset
        lang = i18n.current()
        if blank is not None:
            self.addItem(blank, None)
        for code in codes.codes_of(codeset):
            self.addItem(codes.label(codeset, code, lang), code)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data is not None else None

    def set_value(self, code: str | None) -> None:
        index = self.findData(code) if code is not None else 0
        if index < 0:  # a code this version does not know: show it rather than drop it
            self.addItem(code or "", code)
            index = self.count() - 1
        self.setCurrentIndex(index)


class BoolCombo(QComboBox):
    """是 / 否 / (blank) — a yes/no field that may also be "not filled in"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        self.addItem(tr("是"), True)
        self.addItem(tr("否"), False)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def value(self) -> bool | None:
        data = self.currentData()
        return None if data is None else bool(data)

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex(0 if value is None else (1 if value else 2))


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label
