"""The main window: 工作台 and the four register tabs, menus, status bar, editors.

The window is the controller of the UI: views and editors emit requests (open, new, delete),
the window runs writes through the ``TaskRunner`` and forwards its ``changed`` signal to
every open view, which decides for itself whether to reload.

Hooks for features that live in other modules (sync bundles, Excel, backups, reports):
each is a named ``QAction`` in ``self.actions``. Until a feature module provides it, the
action says the feature is not available yet. A feature module listed in
``FEATURE_MODULES`` exposes ``install(window: MainWindow) -> None`` and calls
``window.provide("sync_import", callback)`` for the actions it implements (and
``window.provide("open_bundle", callback_taking_a_path)`` for a ``.fzb`` given on the
command line or double-clicked). See ``docs/ARCHITECTURE.md``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QPushButton, QTabWidget, QWidget

from fazhi_desktop.domain import registers as R
from fazhi_desktop.services import Services
from fazhi_desktop.services.dashboard import status_info
from fazhi_desktop.ui import dialogs, i18n, prefs
from fazhi_desktop.ui.dashboard import Dashboard
from fazhi_desktop.ui.i18n import tr
from fazhi_desktop.ui.register_view import RegisterView
from fazhi_desktop.ui.tasks import Change, TaskRunner

if TYPE_CHECKING:  # imported when first used: the first screen does not need them
    from fazhi_desktop.ui.editor import RecordEditor
    from fazhi_desktop.ui.recycle_bin import RecycleBin

log = logging.getLogger(__name__)

# Modules under fazhi_desktop.ui that add features to the window (``install(window)``).
FEATURE_MODULES: tuple[str, ...] = ("sync_dialogs", "backup_dialogs", "report_dialog",
                                   "excel_import", "excel_export")

UNDO_SECONDS = 20
TAB_KEY = "window/tab"   # the tab open at the last close: "dashboard" or a register name


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    ready = Signal()   # app.main: the full services and every feature are loaded

    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None, *, features: bool = True) -> None:
        """``features=False`` (``app.main``'s quick start): only the tab the window opens on
        is built now; the other tabs and the feature modules come with ``install_features``,
        called once the first screen is painted."""
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.editors: list[RecordEditor] = []
        self.recycle_bin: RecycleBin | None = None
        self.last_deleted: list[str] = []
        self._providers: dict[str, Callable[..., Any]] = {}
        self.features_installed = False
        self.setWindowTitle(tr("法治工作台账"))
        self.dashboard: Dashboard
        self.views: dict[str, RegisterView] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        lang = i18n.current()
        self._placeholders: dict[str, QWidget] = {}
        first = prefs.get(TAB_KEY)
        for name in ("dashboard", *R.REGISTERS):
            label = tr("工作台") if name == "dashboard" else R.REGISTERS[name].label(lang)
            if features or name == first or (name == "dashboard" and first not in R.REGISTERS):
                self.tabs.addTab(self._build_tab(name), label)
            else:
                self._placeholders[name] = QWidget(self.tabs)
                self.tabs.addTab(self._placeholders[name], label)
        self.setCentralWidget(self.tabs)
        self.runner.changed.connect(self.on_changed)
        self.actions: dict[str, QAction] = {}
        self._build_menus()
        self._build_status_bar()
        self._restore_geometry()
        self._restore_tab()
        self.refresh_status()
        if features:
            self.install_features()

    def _build_tab(self, name: str) -> QWidget:
        if name == "dashboard":
            self.dashboard = Dashboard(self.services, self.runner, self)
            self.dashboard.open_requested.connect(self.open_record)
            self.dashboard.register_requested.connect(self.show_register)
            return self.dashboard
        view = RegisterView(self.services, name, self.runner, self)
        view.open_requested.connect(self.open_record)
        view.new_requested.connect(self.new_record)
        view.delete_requested.connect(self.delete_records)
        self.views[name] = view
        return view

    def _build_remaining_tabs(self) -> None:
        if not self._placeholders:
            return
        current = self.tabs.currentIndex()
        for name, placeholder in list(self._placeholders.items()):
            index = self.tabs.indexOf(placeholder)
            label = self.tabs.tabText(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, self._build_tab(name), label)
            placeholder.deleteLater()
        self._placeholders.clear()
        self.tabs.setCurrentIndex(current)

    def install_features(self) -> None:
        """Build the tabs not built yet and let every module of ``FEATURE_MODULES`` provide
        its actions (once)."""
        if self.features_installed:
            return
        self.features_installed = True
        self._build_remaining_tabs()
        for module in FEATURE_MODULES:
            importlib.import_module(f"fazhi_desktop.ui.{module}").install(self)

    # --- menus and feature hooks ----------------------------------------------------------
    def _action(self, name: str, text: str, slot: Callable[[], Any] | None = None,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot or (lambda _c=False, n=name: self.run_feature(n)))
        self.actions[name] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(tr("文件(&F)"))
        file.addAction(self._action("sync_import", tr("导入同步包…")))
        file.addAction(self._action("sync_export", tr("导出同步包…")))
        file.addAction(self._action("sync_conflicts", tr("同步冲突…")))
        file.addSeparator()
        file.addAction(self._action("excel_import", tr("从 Excel 台账导入…")))
        file.addAction(self._action("excel_export", tr("导出到 Excel…")))
        file.addSeparator()
        file.addAction(self._action("backup_create", tr("立即备份")))
        file.addAction(self._action("backup_restore", tr("从备份恢复…")))
        file.addSeparator()
        file.addAction(self._action("quit", tr("退出"), self.close, QKeySequence.StandardKey.Quit))

        edit = bar.addMenu(tr("编辑(&E)"))
        edit.addAction(self._action("new", tr("新建记录"), self.new_in_current_tab,
                                    QKeySequence.StandardKey.New))
        edit.addAction(self._action("find", tr("查找"), self.focus_search,
                                    QKeySequence.StandardKey.Find))
        edit.addAction(self._action("undo_delete", tr("撤销删除"), self.undo_delete,
                                    QKeySequence.StandardKey.Undo))
        self.actions["undo_delete"].setEnabled(False)
        edit.addSeparator()
        edit.addAction(self._action("recycle_bin", tr("回收站…"), self.show_recycle_bin))

        reports = bar.addMenu(tr("报表(&R)"))
        reports.addAction(self._action("report", tr("统计报表…"), shortcut="Ctrl+P"))

        settings = bar.addMenu(tr("设置(&S)"))
        settings.addAction(self._action("settings", tr("设置…"), self.show_settings))

        help_menu = bar.addMenu(tr("帮助(&H)"))
        help_menu.addAction(self._action("about", tr("关于"), self.show_about))

    def provide(self, name: str, callback: Callable[..., Any]) -> None:
        """A feature module implements the action ``name`` (or ``open_bundle``)."""
        self._providers[name] = callback

    def run_feature(self, name: str) -> None:
        self.install_features()
        provider = self._providers.get(name)
        if provider is not None:
            provider()
            return
        text = self.actions[name].text().rstrip("…") if name in self.actions else name
        dialogs.show_info(self, tr("“{name}”功能尚未提供（将在后续版本中加入）。").format(name=text))

    def open_bundle(self, path: str) -> None:
        """A ``.fzb`` given on the command line (double-clicked): hand it to sync import."""
        self.install_features()
        provider = self._providers.get("open_bundle")
        if provider is not None:
            provider(path)
        else:
            dialogs.show_info(self, tr("同步包导入功能尚未提供，无法打开 {path}。").format(path=path))

    # --- status bar -------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_unit = QLabel(self)
        self.status_node = QLabel(self)
        self.status_operator = QLabel(self)
        self.status_sync = QLabel(self)
        self.status_calendar = QLabel(self)
        self.status_calendar.setStyleSheet("color: #b3261e;")
        self.undo_button = QPushButton(tr("撤销删除"), self)
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_delete)
        for widget in (self.undo_button, self.status_calendar, self.status_unit,
                       self.status_node, self.status_operator, self.status_sync):
            widget.setContentsMargins(4, 0, 4, 0)
            bar.addPermanentWidget(widget)
        bar.setSizeGripEnabled(False)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.undo_button.hide)

    def refresh_status(self) -> None:
        info = status_info(self.services)
        self.status_unit.setText(tr("单位：{name}（{code}）").format(name=info.unit_name,
                                                                 code=info.unit_code))
        self.status_node.setText(tr("本机：{name}（{code}）").format(name=info.node_name,
                                                                 code=info.node_code))
        self.status_operator.setText(tr("操作员：{name}").format(name=info.operator))
        when = info.last_sync.astimezone().strftime("%Y-%m-%d %H:%M") if info.last_sync \
            else tr("从未")
        sync = tr("上次同步：{when}").format(when=when)
        if info.open_conflicts:
            sync += tr("，{n} 处冲突待处理").format(n=info.open_conflicts)
        self.status_sync.setText(sync)
        missing = "、".join(str(y) for y in info.missing_calendar_years)
        self.status_calendar.setText(
            tr("⚠ 缺少 {years} 年节假日安排（工作日按周一至周五计算，请在设置中导入）")
            .format(years=missing) if missing else "")
        self.status_calendar.setVisible(bool(missing))

    # --- navigation -------------------------------------------------------------------------
    def current_view(self) -> RegisterView | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, RegisterView) else None

    def show_register(self, register: str, overdue: bool = False) -> RegisterView:
        self._build_remaining_tabs()
        view = self.views[register]
        self.tabs.setCurrentWidget(view)
        if overdue:
            view.show_overdue()
        return view

    def focus_search(self) -> None:
        view = self.current_view()
        if view is not None:
            view.focus_search()
        else:
            self.dashboard.focus_search()

    def new_in_current_tab(self) -> None:
        view = self.current_view()
        if view is not None:
            self.new_record(view.register)
            return
        menu = QMenu(self)
        for name, reg in R.REGISTERS.items():
            menu.addAction(reg.label(i18n.current()),
                           lambda n=name: self.new_record(n))  # type: ignore[misc]
        menu.exec(self.mapToGlobal(self.rect().center()))

    # --- editors ----------------------------------------------------------------------------
    def _track(self, editor: RecordEditor) -> RecordEditor:
        self.editors.append(editor)
        editor.destroyed.connect(lambda _o=None, e=editor: self._forget(e))
        editor.finished.connect(lambda _r, e=editor: self._forget(e))
        editor.delete_requested.connect(lambda rid: self.delete_records([rid]))
        editor.new_requested.connect(self.new_record)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _forget(self, editor: RecordEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)

    def new_record(self, register: str) -> RecordEditor:
        from fazhi_desktop.ui.editor import RecordEditor

        return self._track(RecordEditor(self.services, self.runner, register, parent=self))

    def open_record(self, record_id: str) -> RecordEditor:
        for editor in self.editors:
            if editor.record_id == record_id:
                editor.show()
                editor.raise_()
                editor.activateWindow()
                return editor
        from fazhi_desktop.ui.editor import RecordEditor

        return self._track(RecordEditor(self.services, self.runner, record_id=record_id,
                                        parent=self))

    # --- deleting and restoring ----------------------------------------------------------
    def delete_records(self, ids: list[str]) -> None:
        if not ids:
            return
        text = tr("将选中的 {n} 条记录移入回收站？可以在“编辑 → 回收站”中恢复。").format(n=len(ids))
        if not dialogs.ask_yes_no(self, text, title=tr("删除记录")):
            return
        records = self.services.records

        def work(_task: object) -> list[dict[str, Any]]:
            return [records.delete(rid) for rid in ids]

        self.runner.run(work, on_done=lambda _r: self._deleted(ids),
                        changes=lambda rs: Change(frozenset(r["register"] for r in rs),
                                                  frozenset(ids)),
                        label=tr("正在删除…"), parent=self)

    def _deleted(self, ids: list[str]) -> None:
        for editor in list(self.editors):
            if editor.record_id in ids:
                editor.force_close()
        self.last_deleted = list(ids)
        self.actions["undo_delete"].setEnabled(True)
        self.undo_button.setText(tr("已移入回收站 {n} 条 · 撤销").format(n=len(ids)))
        self.undo_button.show()
        self._undo_timer.start(UNDO_SECONDS * 1000)

    def undo_delete(self) -> None:
        ids, self.last_deleted = self.last_deleted, []
        self.actions["undo_delete"].setEnabled(False)
        self.undo_button.hide()
        if not ids:
            return
        records = self.services.records
        self.runner.run(lambda _t: [records.restore(rid) for rid in ids],
                        changes=lambda rs: Change(frozenset(r["register"] for r in rs),
                                                  frozenset(ids)),
                        label=tr("正在恢复…"), parent=self)

    def show_recycle_bin(self) -> RecycleBin:
        if self.recycle_bin is None:
            from fazhi_desktop.ui.recycle_bin import RecycleBin

            self.recycle_bin = RecycleBin(self.services, self.runner, self)
            self.recycle_bin.finished.connect(lambda _r: setattr(self, "recycle_bin", None))
            self.recycle_bin.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recycle_bin.show()
        self.recycle_bin.raise_()
        return self.recycle_bin

    # --- after every write ------------------------------------------------------------------
    def on_changed(self, change: Change) -> None:
        if "dashboard" not in self._placeholders:
            self.dashboard.on_changed(change)
        for view in self.views.values():
            view.on_changed(change)
        if self.recycle_bin is not None:
            self.recycle_bin.on_changed(change)
        for editor in list(self.editors):
            if editor.record_id in change.record_ids:
                editor.reload_if_clean()
        if change.settings or change.units:
            self.refresh_status()

    # --- dialogs ------------------------------------------------------------------------------
    def show_settings(self) -> None:
        from fazhi_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, self.runner, self)
        dialog.language_changed.connect(self.language_changed.emit)
        dialog.exec()

    def show_about(self) -> None:
        from fazhi_desktop import __version__

        dialogs.show_info(self, tr("法治工作台账 版本 {version}\n\n乡镇（街道）法治工作台账管理："
                                   "矛盾纠纷、信访、行政应诉、合法性审查。\n离线使用，"
                                   "通过同步包在同事之间交换数据。\n\n数据目录：{path}").format(
            version=__version__, path=self.services.data_dir), title=tr("关于"))

    def announce_overdue(self) -> None:
        """At start: say so when anything is overdue (SPEC §5)."""
        self.dashboard.ensure_fresh()
        total = self.dashboard.total_overdue()
        if total:
            parts = [tr("{register} {n} 件").format(register=R.REGISTERS[name].label(i18n.current()),
                                                   n=c["overdue"])
                     for name, c in self.dashboard.counts.items() if c.get("overdue")]
            dialogs.show_warning(self, tr("有 {n} 件事项已超过办理期限：{parts}。\n详见“工作台”。")
                                 .format(n=total, parts="，".join(parts)), title=tr("逾期提醒"))

    # --- geometry and closing -------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = prefs.get("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            if screen.width() < 1400 or screen.height() < 860:  # office PCs: 1366×768
                self.setWindowState(Qt.WindowState.WindowMaximized)
            self.resize(min(1280, screen.width()), min(760, screen.height()))
        state = prefs.get("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def _tab_name(self, index: int) -> str:
        widget = self.tabs.widget(index)
        if isinstance(widget, RegisterView):
            return widget.register
        waiting = {w: name for name, w in self._placeholders.items()}
        return waiting.get(widget, "dashboard")

    def _restore_tab(self) -> None:
        """Open on the tab in use when the program was last closed."""
        name = prefs.get(TAB_KEY)
        if name in self.views:
            self.tabs.setCurrentWidget(self.views[name])

    def save_layout(self) -> None:
        prefs.put("window/geometry", self.saveGeometry())
        prefs.put("window/state", self.saveState())
        prefs.put(TAB_KEY, self._tab_name(self.tabs.currentIndex()))
        for view in self.views.values():
            view.save_layout()

    def close_editors(self) -> bool:
        """Close every editor (each asks about unsaved changes); False if one stays open."""
        for editor in list(self.editors):
            if not editor.close():
                return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_editors():
            event.ignore()
            return
        self.save_layout()
        event.accept()
