"""文件 → 从 Excel 台账导入: a wizard over ``services.ledger`` (issue #6).

1. **选择文件** — the workbook (``dialogs.ask_open_file``), its sheet
   (``ledger.sheet_names``) and the register it is a ledger of.
2. **列映射** — ``ledger.preview`` proposes the header row and a target for every column; the
   user corrects it in a table of drop-downs (``excel_models.MappingModel``), sets the role of
   each party slot and the year of dates written without one, and may load or save the
   mapping as JSON (``Mapping.save`` / ``ledger.preview(mapping=path)``).
3. **预览** — the rows as they would be imported (``excel_models.PreviewModel``): status
   可导入 / 有问题 / 重复, the record, the problems in Chinese with row and column; the counts;
   the option to update duplicates. Nothing is saved before 导入.
4. **完成** — what the import did (``ImportResult.summary``) and the backup taken before it.

Every preview and the import run on the task runner with progress and 取消 (a cancelled
import saves nothing); the import passes ``changes=`` so the register tabs refresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fazhi_desktop.domain import codes
from fazhi_desktop.domain import registers as R
from fazhi_desktop.ledger.convert import DUPLICATE, GOOD, PROBLEM
from fazhi_desktop.services import Services
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.ui import dialogs, i18n
from fazhi_desktop.ui.excel_models import (
    TARGET,
    MappingModel,
    PreviewModel,
    TargetDelegate,
    party_slots,
    problems_text,
    status_text,
)
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.tasks import Change, TaskControl, TaskRunner

if TYPE_CHECKING:  # imported for annotations only: keeps start-up light
    from fazhi_desktop.services.ledger import ImportResult, Preview

SHEET_FILTERS = "Excel 台账 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)"
NO_YEAR = 1899  # the year spin box's "not set" value


class FilePage(QWizardPage):
    def __init__(self, wizard: ExcelImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(tr("选择台账文件"))
        self.setSubTitle(tr("选择要导入的 Excel 台账（.xlsx、.xls 或 .ods）、其中的工作表，"
                            "以及它是哪一种台账。"))
        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(tr("尚未选择文件"))
        browse = QPushButton(tr("浏览…"), self)
        browse.clicked.connect(self.browse)
        self.sheet = QComboBox(self)
        self.register = QComboBox(self)
        for name, reg in R.REGISTERS.items():
            self.register.addItem(reg.label(i18n.current()), name)
        self.register.setCurrentIndex(max(0, self.register.findData(wizard.initial_register)))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(tr("文件"), row)
        form.addRow(tr("工作表"), self.sheet)
        form.addRow(tr("台账类型"), self.register)
        hint = QLabel(tr("表头可以不在第一行；标题、序号列、空行和合计行会自动跳过。"
                         "导入前会先显示预览，确认后才保存。"), self)
        hint.setWordWrap(True)
        form.addRow(hint)
        self.sheet.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())

    def browse(self) -> None:
        answer = dialogs.ask_open_file(self, tr("选择 Excel 台账"), SHEET_FILTERS)
        if answer:
            self.set_path(Path(answer))

    def set_path(self, path: Path) -> bool:
        """Read the sheet names of ``path``; an unreadable file is explained, not kept."""
        try:
            names = self.wiz.sv.ledger.sheet_names(path)
        except FazhiError as exc:
            dialogs.show_error(self, str(exc))
            self.path.clear()
            self.sheet.clear()
            self.completeChanged.emit()
            return False
        self.path.setText(str(path))
        self.sheet.clear()
        for name in names:
            self.sheet.addItem(name, name)
        self.completeChanged.emit()
        return True

    def isComplete(self) -> bool:
        return bool(self.path.text()) and self.sheet.count() > 0


class MappingPage(QWizardPage):
    def __init__(self, wizard: ExcelImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(tr("核对列映射"))
        self.setSubTitle(tr("程序根据表头猜测了每一列的含义。请逐列核对“导入为”，"
                            "黄色底的是根据相近表头猜测的；不需要的列选“（不导入）”。"))
        self.model = MappingModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(TARGET, TargetDelegate(self.model, self.table))
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.roles = QHBoxLayout()
        self.role_combos: dict[int, QComboBox] = {}
        self.year = QSpinBox(self)
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText(tr("未指定"))
        self.year.setToolTip(tr("表中只写了月日（如“3月5日”）的日期按这一年计算。"))
        load = QPushButton(tr("载入映射…"), self)
        save = QPushButton(tr("保存映射…"), self)
        redo = QPushButton(tr("重新识别"), self)
        load.clicked.connect(self.load_mapping)
        save.clicked.connect(self.save_mapping)
        redo.clicked.connect(lambda: self.wiz.run_preview(None, self._shown))
        options = QHBoxLayout()
        options.addLayout(self.roles)
        options.addWidget(QLabel(tr("无年份的日期按")))
        options.addWidget(self.year)
        options.addStretch()
        options.addWidget(load)
        options.addWidget(save)
        options.addWidget(redo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(options)
        self.model.dataChanged.connect(lambda *_a: self._mapping_edited())
        self.year.valueChanged.connect(lambda _v: self._options_edited())

    def initializePage(self) -> None:
        if self.wiz.preview is None or self.wiz.source_changed():
            self.model.set_preview(None)
            self.wiz.run_preview(None, self._shown)

    def _shown(self, preview: Preview) -> None:
        """A new proposal (or a loaded mapping) arrived: show it."""
        self.model.set_preview(preview)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, TARGET))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(TARGET, max(self.table.columnWidth(TARGET), 180))
        m = preview.mapping
        lines = [tr("表头在第 {row} 行（工作表“{sheet}”），共 {n} 列。").format(
            row=m.header_row + 1, sheet=preview.sheet, n=len(m.columns))]
        lines += m.notes
        self.info.setText("\n".join(lines))
        self._fill_roles()
        self.year.blockSignals(True)
        self.year.setValue(m.year or NO_YEAR)
        self.year.blockSignals(False)
        self.completeChanged.emit()

    def _fill_roles(self) -> None:
        while self.roles.count():
            item = self.roles.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.role_combos.clear()
        mapping = self.model.mapping
        if mapping is None:
            return
        lang = i18n.current()
        for slot in party_slots(mapping):
            combo = QComboBox(self)
            for code in codes.codes_of("party_role"):
                combo.addItem(codes.label("party_role", code, lang), code)
            combo.setCurrentIndex(max(0, combo.findData(mapping.role_of(slot))))
            combo.currentIndexChanged.connect(lambda _i, s=slot, c=combo: self._set_role(s, c))
            self.roles.addWidget(QLabel(tr("当事人{n}身份").format(n=slot), self))
            self.roles.addWidget(combo)
            self.role_combos[slot] = combo

    def _set_role(self, slot: int, combo: QComboBox) -> None:
        if self.model.mapping is not None:
            self.model.mapping.party_roles[slot] = combo.currentData()
            self._options_edited()

    def _mapping_edited(self) -> None:
        mapping = self.model.mapping
        if mapping is not None and set(party_slots(mapping)) != set(self.role_combos):
            self._fill_roles()
        self.wiz.mapping_dirty = True
        self.completeChanged.emit()

    def _options_edited(self) -> None:
        if self.model.mapping is not None:
            value = self.year.value()
            self.model.mapping.year = None if value == NO_YEAR else value
            self.wiz.mapping_dirty = True

    def load_mapping(self) -> None:
        answer = dialogs.ask_open_file(self, tr("载入列映射"), tr("列映射 (*.json)"))
        if answer:
            self.wiz.run_preview(Path(answer), self._shown)

    def save_mapping(self) -> None:
        mapping = self.model.mapping
        if mapping is None:
            return
        answer = dialogs.ask_save_file(self, tr("保存列映射"), f"{mapping.sheet or '列映射'}.json",
                                       tr("列映射 (*.json)"))
        if not answer:
            return
        path = Path(answer) if answer.lower().endswith(".json") else Path(answer + ".json")
        try:
            mapping.save(path)
        except (OSError, FazhiError) as exc:
            dialogs.show_error(self, tr("无法保存列映射“{path}”：{error}").format(
                path=path.name, error=getattr(exc, "strerror", None) or exc))
            return
        self.info.setText(self.info.text() + "\n" + tr("列映射已保存到 {path}。").format(path=path))

    def isComplete(self) -> bool:
        mapping = self.model.mapping
        return mapping is not None and any(c.target for c in mapping.columns) \
            and self.wiz.task is None


class PreviewPage(QWizardPage):
    FILTERS = (None, GOOD, PROBLEM, DUPLICATE)

    def __init__(self, wizard: ExcelImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(tr("预览"))
        self.setSubTitle(tr("下面是每一行将要导入的内容。只导入“可导入”的行；有问题的行不会导入，"
                            "可以修改表格后重新导入（已导入的行会识别为重复，不会重复导入）。"))
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.show_only = QComboBox(self)
        for status in self.FILTERS:
            self.show_only.addItem(tr("全部行") if status is None else status_text(status), status)
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(48)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #8a5300;")
        self.update_duplicates = QCheckBox(
            tr("用表格中的内容更新重复的已有记录（不勾选则跳过重复行）"), self)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(QLabel(tr("显示")))
        top.addWidget(self.show_only)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.notes)
        layout.addWidget(self.update_duplicates)
        self.show_only.currentIndexChanged.connect(
            lambda _i: self.model.set_status_filter(self.show_only.currentData()))
        self.update_duplicates.toggled.connect(lambda _b: self._update_button())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_detail(current.row()))
        self.model.modelReset.connect(lambda: self._show_detail(-1))

    def _show_detail(self, row: int) -> None:
        """All problems of the selected row, in full (the table cell shows the first)."""
        if not 0 <= row < self.model.rowCount():
            self.detail.setText(tr("选中一行可在此查看它的全部问题。"))
            return
        item = self.model.row_at(row)
        lines = [problems_text(item).replace("；", "\n")] if item.problems or \
            item.status == DUPLICATE else [tr("第{row}行没有问题，可以导入。").format(row=item.row)]
        self.detail.setText("\n".join(lines))

    def initializePage(self) -> None:
        if self.wiz.preview is None or self.wiz.mapping_dirty or self.wiz.source_changed():
            self.model.set_preview(None)
            self.wiz.run_preview(self.wiz.preview.mapping if self.wiz.preview else None,
                                 self._shown)
        else:
            self._shown(self.wiz.preview)

    def _shown(self, preview: Preview) -> None:
        self.model.set_preview(preview)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 380))
        self.counts.setText(preview.summary())
        self.notes.setText("\n".join(preview.notes))
        self.notes.setVisible(bool(preview.notes))
        self.update_duplicates.setEnabled(preview.counts[DUPLICATE] > 0)
        self._update_button()

    def importable(self) -> int:
        preview = self.wiz.preview
        if preview is None:
            return 0
        counts = preview.counts
        return counts[GOOD] + (counts[DUPLICATE] if self.update_duplicates.isChecked() else 0)

    def _update_button(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton,
                           tr("导入 {n} 行").format(n=self.importable()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.task is None and self.importable() > 0

    def validatePage(self) -> bool:
        """导入: start the import; the wizard moves on when it has finished."""
        if self.wiz.result is not None:
            return True
        self.wiz.run_import(self.update_duplicates.isChecked())
        return False


class DonePage(QWizardPage):
    def __init__(self, wizard: ExcelImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(tr("导入完成"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch()

    def initializePage(self) -> None:
        result = self.wiz.result
        if result is None:
            return
        lines = [result.summary() + "。"]
        if result.backup:
            lines.append(tr("导入前已自动备份（{name}），如需撤销可从备份恢复。").format(
                name=result.backup))
        lines += result.notes
        lines.append(tr("导入的记录已出现在“{register}”台账中。").format(
            register=R.register(self.wiz.register).label(i18n.current())))
        self.text.setText("\n".join(lines))


class ExcelImportWizard(QWizard):
    """导入Excel台账 (one per main window; see :func:`show_import_wizard`)."""

    def __init__(self, services: Services, runner: TaskRunner, register: str = "disputes",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sv = services
        self.runner = runner
        self.initial_register = register
        self.preview: Preview | None = None
        self.preview_source: tuple[str, str, str] | None = None
        self.mapping_dirty = False
        self.result: ImportResult | None = None
        self.task: int | None = None
        self.setWindowTitle(tr("从 Excel 台账导入"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.done_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("取消"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("完成"))
        self.resize(1000, 680)

    @property
    def register(self) -> str:
        return str(self.file_page.register.currentData())

    def source(self) -> tuple[str, str, str]:
        return (self.file_page.path.text(), str(self.file_page.sheet.currentData()),
                self.register)

    def source_changed(self) -> bool:
        return self.preview_source != self.source()

    def _busy_changed(self) -> None:
        for page in (self.mapping_page, self.preview_page):
            page.completeChanged.emit()

    # --- background work ----------------------------------------------------------------
    def run_preview(self, mapping: Any, then: Any) -> int | None:
        """``ledger.preview`` on the runner (``mapping``: None to propose one, a ``Mapping``
        as edited, or a mapping file path); ``then(preview)`` on success."""
        if self.task is not None:
            return None
        path, sheet, register = self.source()
        ledger = self.sv.ledger

        def work(task: TaskControl) -> Preview:
            return ledger.preview(path, register, sheet=sheet, mapping=mapping,
                                  progress=task.progress, cancelled=task.cancelled)

        def done(preview: Preview) -> None:
            self.task = None
            self.preview, self.preview_source = preview, (path, sheet, register)
            self.mapping_dirty = False
            then(preview)
            self._busy_changed()

        def failed(_exc: BaseException) -> bool:
            self.task = None
            self._busy_changed()
            return False

        self.task = self.runner.run(work, on_done=done, on_error=failed,
                                    label=tr("正在读取台账…"), parent=self)
        self._busy_changed()
        return self.task

    def run_import(self, update_duplicates: bool) -> int | None:
        preview = self.preview
        if preview is None or self.task is not None:
            return None
        ledger, register = self.sv.ledger, preview.register

        def work(task: TaskControl) -> ImportResult:
            return ledger.import_preview(preview, update_duplicates=update_duplicates,
                                         progress=task.progress, cancelled=task.cancelled)

        def changes(result: ImportResult) -> Change:
            ids = [r["id"] for r in result.created + result.updated]
            return Change(frozenset({register}), frozenset(ids))

        def done(result: ImportResult) -> None:
            self.task = None
            self.result = result
            self._busy_changed()
            self.next()

        def failed(exc: BaseException) -> bool:
            self.task = None
            self._busy_changed()
            if "取消" in str(exc):
                self.preview_page.counts.setText(tr("已取消导入，没有保存任何记录。"))
            return False

        self.task = self.runner.run(work, on_done=done, on_error=failed, changes=changes,
                                    label=tr("正在导入…"), parent=self)
        self._busy_changed()
        return self.task

    def reject(self) -> None:
        if self.task is not None:
            self.runner.cancel(self.task)
        super().reject()


def show_import_wizard(window: Any) -> ExcelImportWizard:
    """Open the wizard for the register of the current tab (a new one each time)."""
    view = window.current_view()
    wizard = ExcelImportWizard(window.services, window.runner,
                               view.register if view is not None else "disputes", window)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    return wizard


def install(window: Any) -> None:
    window.provide("excel_import", lambda: show_import_wizard(window))
