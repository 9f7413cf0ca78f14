"""``fazhi-desktop``: the one place where the GUI is wired together (cf. Mu's ``app.py``).

Order of a start: parse ``--data-dir DIR`` and an optional ``.fzb`` path; create the
``QApplication``; register the shipped CJK font; install the translators of the chosen
language; take the data folder's writer lock (a second copy is told clearly who holds it);
open the services (migrations run here) and run the quick integrity check — a damaged
database is offered the latest good backup (``ui/backup_dialogs.open_checked``); run the
first-run wizard if the folder is new; start the task runner; show the main window; hand a
given bundle to the sync import; say whether anything is overdue. Switching the language
rebuilds the main window in place.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from fazhi_desktop import __version__
from fazhi_desktop.paths import default_data_dir, resource_dir

log = logging.getLogger("fazhi_desktop")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fazhi-desktop", description="法治工作台账")
    parser.add_argument("--data-dir", type=Path, default=None, help="数据目录")
    parser.add_argument("--version", action="version", version=f"fazhi-desktop {__version__}")
    parser.add_argument("bundle", nargs="?", default=None, help="要导入的同步包（.fzb）")
    args, _qt_args = parser.parse_known_args(list(argv))
    return args


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with names, icon, the CJK font and translators installed."""
    from fazhi_desktop.ui import i18n, prefs
    from fazhi_desktop.ui.fonts import register_cjk_font

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv or [sys.argv[0]]))
    app.setOrganizationName(prefs.ORGANISATION)
    app.setApplicationName(prefs.APPLICATION)
    app.setApplicationDisplayName("法治工作台账")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("fazhi-desktop")  # = installers/linux/fazhi-desktop.desktop (Wayland app id)
    icon = resource_dir() / "icons" / "fazhi.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    register_cjk_font(app)
    i18n.install(str(prefs.get(i18n.SETTINGS_KEY, i18n.DEFAULT_LANGUAGE)))
    return app


class Shell:
    """Owns what outlives one main window: services, task runner, the data-folder lock."""

    def __init__(self, services: object, runner: object) -> None:
        self.services = services
        self.runner = runner
        self.window: object | None = None

    def show_window(self) -> object:
        from fazhi_desktop.ui.mainwindow import MainWindow

        window = MainWindow(self.services, self.runner)  # type: ignore[arg-type]
        window.language_changed.connect(self.switch_language)
        window.show()
        self.window = window
        return window

    def switch_language(self, lang: str) -> None:
        from fazhi_desktop.ui import i18n

        old = self.window
        if old is None or not old.close_editors():  # type: ignore[attr-defined]
            return
        old.save_layout()  # type: ignore[attr-defined]
        i18n.install(lang)
        new = self.show_window()
        new.tabs.setCurrentIndex(old.tabs.currentIndex())  # type: ignore[attr-defined]
        old.hide()  # type: ignore[attr-defined]
        old.deleteLater()  # type: ignore[attr-defined]


def _excepthook(kind: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    """An exception escaping a slot: log it and tell the user instead of dying silently."""
    text = "".join(traceback.format_exception(kind, exc, tb))
    log.error("unhandled exception:\n%s", text)
    try:
        from fazhi_desktop.ui import dialogs
        from fazhi_desktop.ui.i18n import tr

        dialogs.show_error(None, tr("发生意外错误。请把详细信息告知维护人员。"), details=text)
    except Exception:
        log.exception("could not show the error dialog")


def _setup_logging(data_dir: Path) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        (data_dir / "logs").mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(data_dir / "logs" / "fazhi-desktop.log",
                                            encoding="utf-8"))
    except OSError:
        pass
    logging.basicConfig(level=logging.INFO, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--selftest" in argv:  # installers: prove a build works, no window (fazhi_desktop.selftest)
        from fazhi_desktop.selftest import main as selftest

        return selftest(argv)
    args = parse_args(argv)
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    _setup_logging(data_dir)
    app = make_application([sys.argv[0], *argv])

    from fazhi_desktop.services import backup, lock, open_services
    from fazhi_desktop.services.errors import FazhiError
    from fazhi_desktop.ui import dialogs
    from fazhi_desktop.ui.backup_dialogs import open_checked
    from fazhi_desktop.ui.i18n import tr
    from fazhi_desktop.ui.tasks import TaskRunner

    try:
        held = lock.acquire(data_dir, program="法治工作台账（桌面程序）")
    except FazhiError as exc:
        dialogs.show_error(None, str(exc), title=tr("数据目录正在使用"))
        return 1
    try:
        try:  # a damaged database: offer the latest good backup (issue 7)
            services = open_checked(
                data_dir, opener=lambda d: open_services(d, daily_backup=False))
        except FazhiError as exc:
            dialogs.show_error(None, str(exc), title=tr("无法打开数据目录"))
            return 1
        if services is None:
            return 1
        try:
            if not services.initialised:
                from fazhi_desktop.ui.wizard import SetupWizard

                if SetupWizard(services).exec() != QDialog.DialogCode.Accepted:
                    return 0
            runner = TaskRunner()
            sys.excepthook = _excepthook
            shell = Shell(services, runner)
            window = shell.show_window()
            # the first-start-of-the-day backup, off the UI thread once the window is up
            runner.run(lambda _control: backup.daily_backup(services.ctx), cancellable=False)
            if args.bundle:
                QTimer.singleShot(0, lambda: shell.window.open_bundle(args.bundle))  # type: ignore[union-attr]
            else:
                QTimer.singleShot(0, window.announce_overdue)  # type: ignore[attr-defined]
            code = app.exec()
            runner.shutdown()
            return int(code)
        finally:
            services.close()
    finally:
        held.release()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
