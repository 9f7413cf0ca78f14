"""The field inputs of a record editor and the problem labels beside them.

``FieldForm`` turns field descriptions (``domain.registers.Field``) into inputs: text lines
or boxes, the unit drop-down, ``DateField``, ``CodeCombo`` (Chinese labels, codes inside),
``BoolCombo``, number lines. ``values()`` coerces what is typed with
``domain.convert.coerce_value`` — the function every importer uses — and returns the problems
it found; ``show_problems`` puts each problem's message under its field (✖ error, ⚠ warning:
a symbol and words, not colour alone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.convert import coerce_value
from fazhi_desktop.domain.problems import Problem
from fazhi_desktop.services.units import UnitInfo
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.item_tables import ItemTable
from fazhi_desktop.ui.widgets import BoolCombo, CodeCombo, DateField

MULTILINE = {"summary", "note", "follow_up_result", "extension_reason"}
REQUIRED = {"unit_code", "summary", "received_on", "status"}
ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5a00;"


@dataclass
class FieldInput:
    spec: R.Field
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]
    problem_label: QLabel


def _plain_text(widget: QPlainTextEdit) -> tuple[Callable[[], Any], Callable[[Any], None]]:
    return widget.toPlainText, lambda v: widget.setPlainText("" if v is None else str(v))


def _line(widget: QLineEdit) -> tuple[Callable[[], Any], Callable[[Any], None]]:
    return widget.text, lambda v: widget.setText("" if v is None else str(v))


class FieldForm:
    """Inputs for a set of fields; the editor lays them out in its tabs."""

    def __init__(self, register: R.Register, today: dt.date, units: list[UnitInfo],
                 on_change: Callable[[], None]) -> None:
        self.register = register
        self.today = today
        self.units = units
        self.on_change = on_change
        self.inputs: dict[str, FieldInput] = {}
        self.tables: dict[str, ItemTable] = {}

    # --- building -------------------------------------------------------------------------
    def make(self, name: str) -> FieldInput:
        spec = self.register.field(name)
        widget: QWidget
        if name == "unit_code":
            combo = QComboBox()
            for unit in self.units:
                combo.addItem(f"{unit.name}（{unit.code}）", unit.code)
            combo.currentIndexChanged.connect(lambda _i: self.on_change())
            widget = combo

            def set_unit(v: Any, c: QComboBox = combo) -> None:
                index = c.findData(v)
                if index < 0 and v:
                    c.addItem(str(v), v)
                    index = c.count() - 1
                c.setCurrentIndex(max(index, 0))
            get, put = combo.currentData, set_unit
        elif spec.kind == R.TEXT and name in MULTILINE:
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)
            box.setFixedHeight(48 if name != "summary" else 64)
            box.textChanged.connect(self.on_change)
            widget = box
            get, put = _plain_text(box)
        elif spec.kind in (R.TEXT, R.INT, R.DECIMAL):
            line = QLineEdit()
            if spec.kind != R.TEXT:
                line.setAlignment(Qt.AlignmentFlag.AlignRight)
                line.setMaximumWidth(160)
            line.textChanged.connect(lambda _t: self.on_change())
            widget = line
            get, put = _line(line)
        elif spec.kind == R.DATE:
            date = DateField(today=self.today)
            date.setMaximumWidth(170)
            date.changed.connect(self.on_change)
            widget = date
            get, put = date.value, date.set_value
        elif spec.kind == R.CODE:
            assert spec.codeset is not None
            code = CodeCombo(spec.codeset, blank=None if name == "status" else "")
            code.changed.connect(self.on_change)
            widget = code
            get, put = code.value, code.set_value
        elif spec.kind == R.BOOL:
            flag = BoolCombo()
            flag.setMaximumWidth(100)
            flag.changed.connect(self.on_change)
            widget = flag
            get, put = flag.value, flag.set_value
        else:
            raise ValueError(f"field {name} of kind {spec.kind} needs an ItemTable")
        widget.setObjectName(f"field_{name}")
        label = problem_label()
        found = FieldInput(spec, widget, get, put, label)
        self.inputs[name] = found
        return found

    def add_table(self, name: str, table: ItemTable) -> QLabel:
        self.tables[name] = table
        table.changed.connect(self.on_change)
        label = problem_label()
        self.inputs[name] = FieldInput(self.register.field(name), table, table.value,
                                       table.set_value, label)
        return label

    def form(self, names: list[str]) -> QWidget:
        """A form (label: input, problem below) of ``names``, built in that order."""
        lang = i18n.current()
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QFormLayout()
        outer.addLayout(layout)
        outer.addStretch(1)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name in names:
            found = self.inputs.get(name) or self.make(name)
            text = found.spec.label(lang) + ("*" if name in REQUIRED else "")
            layout.addRow(text, cell(found.widget, found.problem_label))
        return page

    # --- values ---------------------------------------------------------------------------
    def set_values(self, record: dict[str, Any]) -> None:
        for name, found in self.inputs.items():
            found.set(record.get(name))

    def raw(self, name: str) -> Any:
        return self.inputs[name].get()

    def values(self) -> tuple[dict[str, Any], list[Problem]]:
        """Typed values of every input and the problems of what could not be read."""
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for name, found in self.inputs.items():
            try:
                values[name] = coerce_value(found.spec, found.get())
            except ValueError as exc:
                problems.append(Problem(name, f"{found.spec.zh}：{exc}"))
        return values, problems

    def show_problems(self, problems: list[Problem]) -> list[Problem]:
        """Show each problem under its field; returns those that belong to no field here."""
        by_field: dict[str, list[Problem]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem)
        for name, found in self.inputs.items():
            set_problems(found.problem_label, by_field.pop(name, []))
        return [p for items in by_field.values() for p in items]

    def first_with_problem(self, problems: list[Problem]) -> QWidget | None:
        fields = {p.field for p in problems if p.is_error}
        for name, found in self.inputs.items():
            if name in fields:
                return found.widget
        return None


def problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def set_problems(label: QLabel, problems: list[Problem]) -> None:
    if not problems:
        label.clear()
        label.hide()
        return
    lines = [("✖ " if p.is_error else "⚠ ") + p.message for p in problems]
    label.setText("\n".join(lines))
    label.setStyleSheet(ERROR_STYLE if any(p.is_error for p in problems) else WARNING_STYLE)
    label.setToolTip(tr("有错误时不能保存") if any(p.is_error for p in problems) else "")
    label.show()


def cell(widget: QWidget, below: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(widget)
    layout.addWidget(below)
    return box
