"""报表 → 统计报表 (Ctrl+P): choose a period and unit, generate, preview, print, save.

The dialog only asks and shows. Generating runs on the task runner (progress after 600 ms,
取消): ``services.reports.build`` (the figures, one read transaction) then
``reports.pdf_bytes``. What comes back — a plain ``ReportData`` and the PDF bytes — feeds
every tab: the real pages (``report_preview.PdfPreview``), the figures with 环比/同比
(``report_preview.FiguresModel``) and the narrative paragraph with a 复制 button. Printing
paints those same PDF pages on a ``QPrinter`` (``ui/printing.py``) after the system print
dialog (``dialogs.ask_print``); 保存PDF / 保存Excel write through ``reports.save_pdf`` /
``save_xlsx`` (atomic: a failed or cancelled save leaves no file).

Personal data is masked unless the user unticks 隐藏当事人个人信息; ticking or unticking it
re-renders the pages from the same figures. Changing the period, unit or as-of date after
generating turns the output buttons off until the report is generated again, so nothing
printed or saved can disagree with the conditions on screen.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.domain.figures import (
    MONTH,
    QUARTER,
    RANGE,
    YEAR,
    Period,
    date_range,
    month,
    quarter,
    resolve_as_of,
    year,
)
from fazhi_desktop.reports.model import ReportData
from fazhi_desktop.services import Services
from fazhi_desktop.ui import dialogs, prefs, printing
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.report_preview import FiguresModel, PdfPreview
from fazhi_desktop.ui.tasks import TaskControl, TaskRunner
from fazhi_desktop.ui.widgets import DateField

KINDS = (MONTH, QUARTER, YEAR, RANGE)
FOLDER_KEY = "reports/folder"


def default_period(kind: str, today: dt.date) -> Period:
    """The last complete period of ``kind`` before ``today`` (a custom range: last month)."""
    last_month = (today.replace(day=1) - dt.timedelta(days=1))
    if kind == MONTH:
        return month(last_month.year, last_month.month)
    if kind == QUARTER:
        q = (today.month - 1) // 3  # the quarter before the current one
        return quarter(today.year, q) if q else quarter(today.year - 1, 4)
    if kind == YEAR:
        return year(today.year - 1)
    m = month(last_month.year, last_month.month)
    return date_range(m.start, m.end)


def unit_choices(units: list[Any]) -> list[tuple[str, str]]:
    """(code, indented "name（code）") for every unit, parents before their children."""
    parents = {u.code: u.parent_code for u in units}

    def path(code: str) -> tuple[str, ...]:
        out, seen = [code], {code}
        while (parent := parents.get(out[-1])) and parent not in seen:
            out.append(parent)
            seen.add(parent)
        return tuple(reversed(out))

    return [(u.code, "　" * (len(path(u.code)) - 1) + f"{u.name}（{u.code}）")
            for u in sorted(units, key=lambda u: path(u.code))]


def _progress(task: TaskControl) -> Any:
    """A ``progress(fraction, message)`` for the services, reported as 0..1000."""
    return lambda fraction, _message: task.progress(int(fraction * 1000), 1000)


class ReportDialog(QDialog):
    """The report window (one per main window; see :func:`show_report_dialog`)."""

    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("统计报表"))
        self._sv = services
        self._runner = runner
        self.today = services.ctx.today()
        self.data: ReportData | None = None
        self.pdf: bytes | None = None
        self.pdf_masked = True
        self.task: int | None = None        # the running task, if any
        self.stale = False
        self._message = ""
        self.printer: Any = None            # kept alive while a print job runs
        self._build()
        self._set_kind(MONTH)
        self._update_buttons()
        screen = self.screen().availableGeometry()
        self.resize(min(1180, screen.width() - 40), min(800, screen.height() - 60))

    # --- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.kind = QComboBox(self)
        for kind, text in zip(KINDS, (tr("月报"), tr("季报"), tr("年报"), tr("自定义期间")),
                              strict=True):
            self.kind.addItem(text, kind)
        self.year = QSpinBox(self)
        self.year.setRange(2000, self.today.year + 1)
        self.year.setSuffix(tr(" 年"))
        self.month = QComboBox(self)
        for m in range(1, 13):
            self.month.addItem(tr("{m} 月").format(m=m), m)
        self.quarter = QComboBox(self)
        for q, text in enumerate((tr("第一季度"), tr("第二季度"), tr("第三季度"), tr("第四季度")),
                                 start=1):
            self.quarter.addItem(text, q)
        self.date_from = DateField(self, today=self.today)
        self.date_to = DateField(self, today=self.today)
        self.range_dash = QLabel("–", self)
        self.unit = QComboBox(self)
        identity = self._sv.ctx.identity
        own = identity.unit_code if identity else None
        for code, text in unit_choices(self._sv.units.all()):
            self.unit.addItem(text, code)
        self.unit.setCurrentIndex(max(0, self.unit.findData(own)))
        self.as_of = DateField(self, today=self.today)
        self.as_of.setMaximumWidth(150)
        self.unit.setMinimumWidth(320)
        self.as_of.setToolTip(tr("在办、逾期、临期数按截至日期计算；默认为统计期末，"
                                 "期末晚于今天时为今天。"))
        self.masked = QCheckBox(tr("隐藏当事人个人信息（脱敏）"), self)
        self.masked.setChecked(True)
        self.masked.setToolTip(tr("报表中的姓名、身份证号、电话默认脱敏显示（张*三、138****5678）。"
                                  "取消勾选将显示完整信息，请注意保密。"))
        self.generate_button = QPushButton(tr("生成报表"), self)
        self.generate_button.setDefault(True)

        first = QHBoxLayout()
        first.addWidget(QLabel(tr("报表类型")))
        first.addWidget(self.kind)
        first.addSpacing(16)
        first.addWidget(QLabel(tr("统计期间")))
        for widget in (self.year, self.month, self.quarter, self.date_from, self.range_dash,
                       self.date_to):
            first.addWidget(widget)
        first.addSpacing(16)
        first.addWidget(QLabel(tr("截至日期")))
        first.addWidget(self.as_of)
        first.addStretch()
        second = QHBoxLayout()
        second.addWidget(QLabel(tr("单位")))
        second.addWidget(self.unit)
        second.addWidget(QLabel(tr("（含下级单位）")))
        second.addSpacing(16)
        second.addWidget(self.masked)
        second.addStretch()
        rows = QVBoxLayout()
        rows.addLayout(first)
        rows.addLayout(second)
        grid = QHBoxLayout()
        grid.addLayout(rows, 1)
        grid.addWidget(self.generate_button)
        box = QGroupBox(tr("报表条件"), self)
        box.setLayout(grid)

        self.preview = PdfPreview(self)
        self.figures = FiguresModel(self)
        self.figures_table = QTableView(self)
        self.figures_table.setModel(self.figures)
        self.figures_table.verticalHeader().hide()
        self.figures_table.setWordWrap(False)
        self.figures_table.setAlternatingRowColors(True)
        self.figures_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.figures_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.figures_table.verticalHeader().setDefaultSectionSize(24)
        self.narrative = QPlainTextEdit(self)
        self.narrative.setReadOnly(True)
        self.copy_button = QPushButton(tr("复制"), self)
        text_tab = QWidget(self)
        text_layout = QVBoxLayout(text_tab)
        text_layout.addWidget(QLabel(tr("可直接粘贴到工作总结或上报材料中的文字（与报表数字一致）：")))
        text_layout.addWidget(self.narrative, 1)
        copy_row = QHBoxLayout()
        copy_row.addStretch()
        copy_row.addWidget(self.copy_button)
        text_layout.addLayout(copy_row)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.preview, tr("页面预览"))
        self.tabs.addTab(self.figures_table, tr("主要指标"))
        self.tabs.addTab(text_tab, tr("文字说明"))

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.print_button = QPushButton(tr("打印…"), self)
        self.print_button.setToolTip(tr("打印报表（Ctrl+P）"))
        self.save_pdf_button = QPushButton(tr("保存 PDF…"), self)
        self.save_xlsx_button = QPushButton(tr("保存 Excel…"), self)
        close = QPushButton(tr("关闭"), self)
        close.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.print_button, self.save_pdf_button, self.save_xlsx_button, close):
            button.setAutoDefault(False)
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.kind.currentIndexChanged.connect(lambda _i: self._set_kind(self.kind.currentData()))
        self.year.valueChanged.connect(lambda _v: self._period_changed())
        self.month.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.quarter.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.date_from.changed.connect(self._period_changed)
        self.date_to.changed.connect(self._period_changed)
        self.as_of.changed.connect(self._conditions_changed)
        self.unit.currentIndexChanged.connect(lambda _i: self._conditions_changed())
        self.masked.toggled.connect(self._masking_changed)
        self.generate_button.clicked.connect(self.generate)
        self.copy_button.clicked.connect(self.copy_narrative)
        self.print_button.clicked.connect(self.print_report)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.save_xlsx_button.clicked.connect(self.save_xlsx)
        close.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_report)

    # --- the conditions ---------------------------------------------------------------
    def _set_kind(self, kind: str) -> None:
        """Switch to ``kind`` with its default (last complete) period."""
        self.set_period(default_period(kind, self.today))

    def set_period(self, period: Period) -> None:
        """Put ``period`` into the kind combo and pickers, then reset the as-of date."""
        kind = period.kind
        widgets = (self.kind, self.year, self.month, self.quarter, self.date_from, self.date_to)
        for widget in widgets:
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.year.setVisible(kind != RANGE)
        self.month.setVisible(kind == MONTH)
        self.quarter.setVisible(kind == QUARTER)
        for widget in (self.date_from, self.range_dash, self.date_to):
            widget.setVisible(kind == RANGE)
        self.year.setValue(period.start.year)
        self.month.setCurrentIndex(period.start.month - 1)
        self.quarter.setCurrentIndex((period.start.month - 1) // 3)
        self.date_from.set_value(period.start)
        self.date_to.set_value(period.end)
        for widget in widgets:
            widget.blockSignals(False)
        self._period_changed()

    def period(self) -> Period | None:
        """The period the pickers show, or ``None`` for an incomplete custom range."""
        kind = self.kind.currentData()
        y = self.year.value()
        if kind == MONTH:
            return month(y, self.month.currentData())
        if kind == QUARTER:
            return quarter(y, self.quarter.currentData())
        if kind == YEAR:
            return year(y)
        start, end = self.date_from.value(), self.date_to.value()
        if start is None or end is None or end < start:
            return None
        return date_range(start, end)

    def _period_changed(self) -> None:
        period = self.period()
        if period is not None:
            self.as_of.blockSignals(True)
            self.as_of.set_value(resolve_as_of(period, None, self.today))
            self.as_of.blockSignals(False)
        self._conditions_changed()

    def _conditions_changed(self) -> None:
        if self.data is not None:
            self.stale = True
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.task is not None
        ready = self.data is not None and self.pdf is not None and not self.stale and not busy
        self.generate_button.setEnabled(not busy and self.period() is not None)
        for button in (self.print_button, self.save_pdf_button, self.save_xlsx_button):
            button.setEnabled(ready)
        self.copy_button.setEnabled(self.data is not None)
        if self.period() is None and self.kind.currentData() == RANGE:
            self.status.setText(tr("请填写自定义期间的开始和结束日期（结束不早于开始）。"))
        elif self.stale:
            self.status.setText(tr("报表条件已更改，请重新点击“生成报表”后再打印或保存。"))
        else:
            self.status.setText(self._message)

    def _say(self, text: str) -> None:
        """The line under the tabs: what was generated, saved, printed or copied last."""
        self._message = text
        self.status.setText(text)

    def _describe(self) -> str:
        assert self.data is not None
        d = self.data
        masked = tr("已脱敏") if self.pdf_masked else tr("未脱敏，含完整个人信息")
        return tr("{unit}{period}{name}，截至{as_of}，共 {pages} 页（{masked}）").format(
            unit=d.unit_name, period=d.period.zh, name=d.period.report_name,
            as_of=d.as_of.isoformat(), pages=self.preview.page_count(), masked=masked)

    # --- generating -------------------------------------------------------------------
    def generate(self) -> int | None:
        """Build the report on the task runner; returns the task id."""
        period = self.period()
        if period is None or self.task is not None:
            return None
        unit, as_of, masked = self.unit.currentData(), self.as_of.value(), self.masked.isChecked()
        reports = self._sv.reports

        def work(task: TaskControl) -> tuple[ReportData, bytes, bool]:
            data = reports.build(period, unit, as_of, progress=_progress(task),
                                 cancel=task.cancelled)
            pdf = reports.pdf_bytes(data, masked=masked, progress=_progress(task),
                                    cancel=task.cancelled)
            return data, pdf, masked

        return self._start(work, self._generated, tr("正在生成报表…"))

    def _start(self, work: Any, on_done: Any, label: str) -> int:
        def done(result: Any) -> None:
            self.task = None
            on_done(result)
            self._update_buttons()

        def failed(_exc: BaseException) -> bool:
            self.task = None
            self._update_buttons()
            return False  # the runner shows the message (and nothing for 取消)

        self.task = self._runner.run(work, on_done=done, on_error=failed, label=label,
                                     parent=self)
        self._update_buttons()
        return self.task

    def _generated(self, result: tuple[ReportData, bytes, bool]) -> None:
        data, pdf, masked = result
        self.data, self.stale = data, False
        self.figures.set_report(data)
        from fazhi_desktop.services.reports import narrative  # reportlab: load on first use

        self.narrative.setPlainText(narrative(data))
        self._show_pdf(pdf, masked)

    def _show_pdf(self, pdf: bytes, masked: bool) -> None:
        self.pdf, self.pdf_masked = pdf, masked
        try:
            self.preview.set_pdf(pdf)
        except printing.PrintError as exc:
            self.pdf = None
            dialogs.show_error(self, str(exc))
            return
        self._say(self._describe())

    def _masking_changed(self, masked: bool) -> None:
        """Re-render the pages of the report on screen with the new masking choice."""
        if self.data is None or self.task is not None or masked == self.pdf_masked:
            return
        data, reports = self.data, self._sv.reports

        def work(task: TaskControl) -> tuple[bytes, bool]:
            return reports.pdf_bytes(data, masked=masked, progress=_progress(task),
                                     cancel=task.cancelled), masked

        def done(result: tuple[bytes, bool]) -> None:
            self._show_pdf(*result)
            if self.masked.isChecked() != self.pdf_masked:  # ticked again meanwhile
                self._masking_changed(self.masked.isChecked())

        self._start(work, done, tr("正在重新排版…"))

    # --- output -----------------------------------------------------------------------
    def copy_narrative(self) -> None:
        QGuiApplication.clipboard().setText(self.narrative.toPlainText())
        self._say(tr("文字说明已复制，可粘贴到其他文档中。"))

    def _suggested(self, suffix: str) -> str:
        assert self.data is not None
        d = self.data
        name = f"{d.unit_name}{d.period.zh}{d.period.report_name}{suffix}"
        folder = prefs.get(FOLDER_KEY) or str(Path.home())
        return str(Path(str(folder)) / name)

    def _ask_path(self, title: str, suffix: str, filters: str) -> Path | None:
        answer = dialogs.ask_save_file(self, title, self._suggested(suffix), filters)
        if not answer:
            return None
        path = Path(answer)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        prefs.put(FOLDER_KEY, str(path.parent))
        return path

    def save_pdf(self) -> int | None:
        if self.data is None or self.stale or self.task is not None:
            return None
        path = self._ask_path(tr("保存报表 PDF"), ".pdf", tr("PDF 文件 (*.pdf)"))
        if path is None:
            return None
        data, masked, reports = self.data, self.pdf_masked, self._sv.reports

        def work(task: TaskControl) -> Path:
            return reports.save_pdf(data, path, masked=masked, progress=_progress(task),
                                    cancel=task.cancelled)

        return self._start(work, self._saved, tr("正在保存 PDF…"))

    def save_xlsx(self) -> int | None:
        if self.data is None or self.stale or self.task is not None:
            return None
        path = self._ask_path(tr("保存报表 Excel"), ".xlsx", tr("Excel 工作簿 (*.xlsx)"))
        if path is None:
            return None
        data, masked, reports = self.data, self.pdf_masked, self._sv.reports
        return self._start(lambda _task: reports.save_xlsx(data, path, masked=masked),
                           self._saved, tr("正在保存 Excel…"))

    def _saved(self, path: Path) -> None:
        self._say(tr("已保存：{path}").format(path=path))

    def print_report(self) -> int | None:
        """The print dialog, then the chosen pages painted on the printer (in the background)."""
        if self.pdf is None or self.data is None or self.stale or self.task is not None:
            return None
        count = self.preview.page_count()
        printer = printing.new_printer()
        printer.setDocName(Path(self._suggested("")).name)
        if not dialogs.ask_print(self, printer, count):
            return None
        pages = printing.pages_to_print(printer, count)
        if not pages:
            dialogs.show_warning(self, tr("所选页码超出范围：报表共 {n} 页。").format(n=count))
            return None
        self.printer, pdf = printer, self.pdf

        def work(task: TaskControl) -> int:
            return printing.print_pdf(pdf, printer, pages, progress=task.progress,
                                      cancelled=task.cancelled)

        def done(n: int) -> None:
            self.printer = None
            if n:
                self._say(tr("已将 {n} 页发送到打印机“{printer}”。").format(
                    n=n, printer=printer.printerName() or printer.outputFileName()))

        return self._start(work, done, tr("正在打印…"))

    def closeEvent(self, event: Any) -> None:
        if self.task is not None:
            self._runner.cancel(self.task)
        super().closeEvent(event)


def show_report_dialog(window: Any) -> ReportDialog:
    """Open (or bring forward) the report dialog of ``window``."""
    dialog = window.findChild(ReportDialog)
    if dialog is None:
        dialog = ReportDialog(window.services, window.runner, window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def install(window: Any) -> None:
    window.provide("report", lambda: show_report_dialog(window))
