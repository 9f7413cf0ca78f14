"""``fazhi-desktop`` start-up: arguments, the writer lock, the shipped font and translations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from fazhi_desktop import app
from fazhi_desktop.services import lock
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.fonts import register_cjk_font


def test_arguments() -> None:
    args = app.parse_args(["--data-dir", "D", "/tmp/x.fzb"])
    assert args.data_dir == Path("D") and args.bundle == "/tmp/x.fzb"
    args = app.parse_args([])
    assert args.data_dir is None and args.bundle is None


def test_second_copy_on_a_folder_is_told_clearly(qapp: Any, data_dir: Path, dialogs: Any,
                                                monkeypatch: Any) -> None:
    # within one process the lock is re-entrant, so stand in for another process holding it
    def held_elsewhere(folder: Any, program: str = "") -> Any:
        raise lock.FolderInUse(Path(folder), {"host": "PC-2", "pid": 4242,
                                              "program": "另一个法治台账"})

    monkeypatch.setattr(lock, "acquire", held_elsewhere)
    assert app.main(["--data-dir", str(data_dir)]) == 1
    assert "正在被电脑“PC-2”上的另一个法治台账（进程号 4242）使用" in dialogs.errors[-1]


def test_the_shipped_cjk_font_is_registered(qapp: Any) -> None:
    family = register_cjk_font(qapp)
    assert family is not None and "WenQuanYi" in family
    assert family in QFontDatabase.families()
    assert family in qapp.font().families()


def test_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    target = tmp_path / "fazhi_en.qm"
    assert i18n.build_qm(i18n.ts_file("en"), target)
    assert target.stat().st_size > 1000


def test_main_opens_the_window_hands_over_a_bundle_and_closes(qapp: Any, data_dir: Path,
                                                               dialogs: Any,
                                                               monkeypatch: Any) -> None:
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.ui.mainwindow import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen: list[MainWindow] = []

    def close_main_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(windows)
        for window in windows:
            window.close()

    def close_when_ready() -> None:  # the bundle is handed over as the start completes
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not any(w.features_installed for w in windows):
            QTimer.singleShot(20, close_when_ready)
            return
        close_main_window()

    QTimer.singleShot(0, close_when_ready)
    assert app.main(["--data-dir", str(data_dir), "/tmp/bundle.fzb"]) == 0
    assert len(seen) == 1
    assert "找不到同步包文件：/tmp/bundle.fzb" in dialogs.errors[-1]  # handed to the sync import
    assert not lock.held_here(data_dir)                # the folder is free again
    # the first start of the day was backed up (on the worker thread, after the window)
    assert list((data_dir / "backups").glob("fazhi-backup-*-daily"))


def test_main_on_a_new_folder_runs_the_wizard(qapp: Any, tmp_path: Path,
                                              monkeypatch: Any) -> None:
    from fazhi_desktop.ui import wizard

    shown: list[bool] = []
    monkeypatch.setattr(wizard.SetupWizard, "exec", lambda self: shown.append(True) or 0)
    assert app.main(["--data-dir", str(tmp_path / "fresh")]) == 0   # cancelled: nothing opens
    assert shown == [True]


def test_switching_language_rebuilds_the_main_window(qtbot: Any, services: Any,
                                                     runner: Any) -> None:
    shell = app.Shell(services, runner)
    first = shell.show_window()
    qtbot.addWidget(first)
    shell.switch_language("en")
    second = shell.window
    qtbot.addWidget(second)
    assert second is not first and not first.isVisible()
    assert second.tabs.tabText(0) == "Dashboard"
    shell.switch_language("zh")
    qtbot.addWidget(shell.window)
    assert shell.window.tabs.tabText(0) == "工作台"


def _main_windows() -> list[Any]:
    from fazhi_desktop.ui.mainwindow import MainWindow

    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible()]


def test_quick_start_opens_on_the_last_tab_and_builds_the_rest_after_the_first_paint(
        qapp: Any, data_dir: Path, dialogs: Any, monkeypatch: Any) -> None:
    from fazhi_desktop.ui import prefs
    from fazhi_desktop.ui.mainwindow import TAB_KEY

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    prefs.put(TAB_KEY, "petitions")
    before: dict[str, Any] = {}
    real_finish = app._finish_start

    def finish(shell: Any, bundle: Any, *, check: bool) -> None:
        window = shell.window
        before.update(loaded=shell.services.loaded, views=sorted(window.views),
                      features=window.features_installed, check=check,
                      current=window.tabs.currentWidget())
        real_finish(shell, bundle, check=check)
        after = _main_windows()[0]
        before.update(after_views=sorted(after.views), after_features=after.features_installed,
                      after_current=after.tabs.currentWidget(), window=after)
        QTimer.singleShot(0, after.close)

    monkeypatch.setattr(app, "_finish_start", finish)
    assert app.main(["--data-dir", str(data_dir)]) == 0
    # the first screen: only the remembered tab, read without the full services
    assert before["loaded"] is False and before["check"] is True
    assert before["views"] == ["petitions"] and before["features"] is False
    assert before["current"] is before["window"].views["petitions"]
    # then everything, still on the same tab
    assert before["after_views"] == ["disputes", "lawsuits", "petitions", "reviews"]
    assert before["after_features"] is True
    assert before["after_current"] is before["window"].views["petitions"]
    assert prefs.get(TAB_KEY) == "petitions"    # remembered again at close


def test_damage_found_after_the_first_paint_offers_the_backup(qapp: Any, data_dir: Path,
                                                              dialogs: Any,
                                                              monkeypatch: Any) -> None:
    from fazhi_desktop.services import health
    from fazhi_desktop.ui import backup_dialogs

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(health, "quick_check",
                        lambda _ctx: health.StartCheck(False, ["表 records：页面损坏"]))
    offered: list[str] = []
    monkeypatch.setattr(backup_dialogs, "offer_restore",
                        lambda _d, problem: offered.append(problem) or False)
    assert app.main(["--data-dir", str(data_dir)]) == 1   # declined: the program ends
    assert offered and "已损坏" in offered[0] and "页面损坏" in offered[0]
    assert not _main_windows()
    assert not lock.held_here(data_dir)


QUICK_START_CHILD = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QTableView
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
app = QApplication(sys.argv[:1])

class Watch(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if not self.painted and event.type() == QEvent.Type.Paint:
            table = obj.parent()
            if isinstance(table, QTableView) and table.model() is not None \
                    and table.model().rowCount() > 0 and hasattr(obj.window(), "ready"):
                self.painted = True
                print("PAINTED", table.model().rowCount(), "sqlalchemy" in sys.modules,
                      flush=True)
                obj.window().ready.connect(self.ready)
        return False
    def ready(self):
        print("READY", "sqlalchemy" in sys.modules, flush=True)
        os._exit(0)

watch = Watch()
app.installEventFilter(watch)
from fazhi_desktop.app import main
main(["--data-dir", sys.argv[1]])
"""


def test_the_first_rows_are_painted_before_sqlalchemy_is_imported(data_dir: Path,
                                                                   tmp_path: Path) -> None:
    """What makes the start-up fast (issue #3): a real process, the real ``main``."""
    from fazhi_desktop.services import open_services
    from fazhi_desktop.ui import prefs
    from fazhi_desktop.ui.mainwindow import TAB_KEY
    from tests.conftest import TODAY
    from tests.helpers import dispute

    with open_services(data_dir, today=lambda: TODAY) as sv:
        sv.records.create_many("disputes", [dispute(summary=f"第{i}件") for i in range(3)])
    prefs.put(TAB_KEY, "disputes")  # the child reads the same preferences folder
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", QUICK_START_CHILD, str(data_dir),
                             str(tmp_path / "prefs")], capture_output=True, text=True,
                            env=env, timeout=120, check=False)
    lines = [line for line in result.stdout.splitlines() if line.split()[0] in
             ("PAINTED", "READY")]
    assert lines == ["PAINTED 3 False", "READY True"], result.stdout + result.stderr


def test_a_count_clicked_before_the_start_completes_opens_its_register(
        qtbot: Any, services: Any, runner: Any) -> None:
    from fazhi_desktop.ui.mainwindow import MainWindow

    window = MainWindow(services, runner, features=False)   # the quick start's first screen
    qtbot.addWidget(window)
    assert sorted(window.views) == [] and window.tabs.count() == 5
    window.dashboard.register_requested.emit("petitions", True)
    assert window.tabs.currentWidget() is window.views["petitions"]
    assert window.views["petitions"].overdue.isChecked()
    assert [window.tabs.tabText(i) for i in range(5)] == ["工作台", "矛盾纠纷", "信访",
                                                         "行政应诉", "合法性审查"]
