"""节假日安排: which years have the State Council's holiday schedule, importing and editing one.

Working-day deadlines (12345 work orders, legality reviews) need each year's schedule of
holidays and make-up working days (调休). A missing year is counted Monday–Friday, so this
page — and the status bar — warn when the current year (or, in December, the next) has none.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain.calendar import ScheduleError, parse_schedule
from fazhi_desktop.services import Services, calendar_admin
from fazhi_desktop.services.dashboard import calendar_years_needed
from fazhi_desktop.ui import dialogs
from fazhi_desktop.ui.editor_form import ERROR_STYLE
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.tasks import Change, TaskRunner
from fazhi_desktop.ui.widgets import hint_label


def schedule_csv(holidays: list[str], workdays: list[str]) -> str:
    rows = [f"{d},休" for d in holidays] + [f"{d},班" for d in workdays]
    return "\n".join(sorted(rows)) + ("\n" if rows else "")


class ScheduleEditor(QDialog):
    """Edit one year as ``date,休/班`` lines; checked with ``parse_schedule`` before saving."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("编辑节假日安排"))
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(text)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(tr("每行一个日期：“日期,休”表示放假，“日期,班”表示调休上班，"
                                       "如 2027-01-01,休。只需列出与平常周一至周五不同的日子。")))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(420, 520)

    def accept(self) -> None:
        try:
            parse_schedule(self.text.toPlainText())
        except ScheduleError as exc:
            self.error.setText("✖ " + str(exc))
            self.error.show()
            return
        super().accept()


class HolidaysPage(QWidget):
    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sv = services
        self._runner = runner
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(ERROR_STYLE)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([tr("年份"), tr("来源"), tr("放假日"),
                                              tr("调休上班日")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.import_button = QPushButton(tr("从文件导入…"), self)
        self.add_button = QPushButton(tr("新增年份…"), self)
        self.edit_button = QPushButton(tr("编辑所选年份…"), self)
        self.remove_button = QPushButton(tr("删除导入的年份"), self)
        self.import_button.clicked.connect(self.import_file)
        self.add_button.clicked.connect(self.add_year)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.import_button, self.add_button, self.edit_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint_label(tr("国务院办公厅每年12月公布下一年的放假安排。可导入 JSON 文件"
                                       "（{\"year\": 2027, \"holidays\": […], \"workdays\": […]}）"
                                       "或 CSV 文件（每行“日期,休/班”）。")))
        self.reload()

    def reload(self) -> None:
        self.years = calendar_admin.years(self._sv.ctx)
        self.table.setRowCount(len(self.years))
        for row, info in enumerate(self.years):
            source = tr("内置") if info.source == "shipped" else tr("导入")
            for col, text in enumerate((str(info.year), source, str(info.holidays),
                                        str(info.workdays))):
                self.table.setItem(row, col, QTableWidgetItem(text))
        missing = self._sv.ctx.calendar.missing_years(calendar_years_needed(self._sv.ctx.today()))
        if missing:
            self.warning.setText(tr("⚠ 缺少 {years} 年的节假日安排：涉及工作日的期限暂按周一至周五计算，"
                                    "请尽快导入。").format(years="、".join(map(str, missing))))
        self.warning.setVisible(bool(missing))

    def selected_year(self) -> int | None:
        row = self.table.currentRow()
        return self.years[row].year if 0 <= row < len(self.years) else None

    def _store(self, text: str) -> None:
        ctx = self._sv.ctx
        self._runner.run(lambda _t: calendar_admin.import_schedule(ctx, text),
                         on_done=lambda _s: self.reload(), changes=Change(settings=True),
                         label=tr("正在保存节假日安排…"), parent=self, cancellable=False)

    def import_file(self) -> None:
        path = dialogs.ask_open_file(self, tr("导入节假日安排"),
                                     tr("节假日安排 (*.json *.csv *.txt)"))
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
            parse_schedule(text)
        except (OSError, UnicodeDecodeError) as exc:
            dialogs.show_error(self, tr("无法读取文件 {path}：{error}").format(path=path, error=exc))
            return
        except ScheduleError as exc:
            dialogs.show_error(self, tr("文件 {path} 有误：{error}").format(path=path, error=exc))
            return
        self._store(text)

    def add_year(self) -> None:
        self._edit("")

    def edit_selected(self) -> None:
        year = self.selected_year()
        if year is None:
            return
        doc = calendar_admin.schedule_of(self._sv.ctx, year).to_json()
        self._edit(schedule_csv(list(doc["holidays"]), list(doc["workdays"])))  # type: ignore[call-overload]

    def _edit(self, text: str) -> None:
        editor = ScheduleEditor(text, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self._store(editor.text.toPlainText())

    def remove_selected(self) -> None:
        year = self.selected_year()
        if year is None:
            return
        info = next(i for i in self.years if i.year == year)
        if info.source != "imported":
            dialogs.show_info(self, tr("{year} 年的安排是程序内置的，不能删除（可以编辑后覆盖）。")
                              .format(year=year))
            return
        if not dialogs.ask_yes_no(self, tr("删除导入的 {year} 年节假日安排？").format(year=year)):
            return
        ctx = self._sv.ctx
        self._runner.run(lambda _t: calendar_admin.remove_imported(ctx, year),
                         on_done=lambda _r: self.reload(), changes=Change(settings=True),
                         parent=self, cancellable=False)
