"""``fazhi-desktop`` start-up: arguments, the writer lock, the shipped font and translations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontDatabase

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

    QTimer.singleShot(500, close_main_window)
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
