"""``fazhi-desktop``: the one place where the GUI is wired together (cf. Mu's ``app.py``).

Order of a start: parse ``--data-dir DIR`` and an optional ``.fzb`` path; create the
``QApplication``; register the shipped CJK font; install the translators of the chosen
language; take the data folder's writer lock (a second copy is told clearly who holds it).

Then, on the usual start — a set-up folder whose schema is current and passes the quick
integrity check (``Reader.start_state``, stdlib sqlite3 only) — show the main window at once,
its lists read by the stdlib reader, and after its first paint load the full services
(SQLAlchemy), install the feature modules, take the first-start-of-the-day backup on the
worker and hand over a given bundle or say whether anything is overdue. Otherwise (new folder,
upgrade, damage) open the services first — migrations run there, a damaged database is
offered the latest good backup (``ui/backup_dialogs.open_checked``), a new folder gets the
first-run wizard — then show the window and do the same. Switching the language rebuilds the
main window in place.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from fazhi_desktop.paths import default_data_dir, resource_dir

if TYPE_CHECKING:  # the real imports wait: see main()
    from fazhi_desktop.services import Services
    from fazhi_desktop.ui.mainwindow import MainWindow
    from fazhi_desktop.ui.tasks import TaskRunner

log = logging.getLogger("fazhi_desktop")


class _VersionAction(argparse.Action):
    """``--version``: print it and exit (the version is looked up only when asked for)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="显示版本号并退出")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from fazhi_desktop import __version__

        parser.exit(message=f"fazhi-desktop {__version__}\n")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fazhi-desktop", description="法治工作台账")
    parser.add_argument("--data-dir", type=Path, default=None, help="数据目录")
    parser.add_argument("--version", action=_VersionAction)
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
    app.setDesktopFileName("fazhi-desktop")  # = installers/linux/fazhi-desktop.desktop (Wayland app id)
    icon = resource_dir() / "icons" / "fazhi.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    register_cjk_font(app)
    i18n.install(str(prefs.get(i18n.SETTINGS_KEY, i18n.DEFAULT_LANGUAGE)))
    return app


class Shell:
    """Owns what outlives one main window: services, task runner, the data-folder lock."""

    def __init__(self, services: Services, runner: TaskRunner) -> None:
        self.services = services
        self.runner = runner
        self.window: MainWindow | None = None

    def show_window(self, *, features: bool = True) -> MainWindow:
        from fazhi_desktop.ui.mainwindow import MainWindow

        window = MainWindow(self.services, self.runner, features=features)
        window.language_changed.connect(self.switch_language)
        window.show()
        self.window = window
        return window

    def switch_language(self, lang: str) -> None:
        from fazhi_desktop.ui import i18n

        old = self.window
        if old is None or not old.close_editors():
            return
        old.save_layout()
        i18n.install(lang)
        new = self.show_window()
        new.tabs.setCurrentIndex(old.tabs.currentIndex())
        old.hide()
        old.deleteLater()


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

    from fazhi_desktop.services import Services, lock
    from fazhi_desktop.services.errors import FazhiError
    from fazhi_desktop.ui import dialogs
    from fazhi_desktop.ui.i18n import tr
    from fazhi_desktop.ui.tasks import TaskRunner

    try:
        held = lock.acquire(data_dir, program="法治工作台账（桌面程序）")
    except FazhiError as exc:
        dialogs.show_error(None, str(exc), title=tr("数据目录正在使用"))
        return 1
    try:
        # A set-up folder with a current, sound schema is drawn at once from the stdlib reader;
        # SQLAlchemy and the feature modules load after the first paint (issue #3).
        services = Services(data_dir)
        quick = services.reader.start_state() is not None
        if not quick:
            services.close()
            opened = _open_slowly(data_dir)
            if opened is None:
                return 1
            services = opened
        try:
            if not services.initialised:
                from fazhi_desktop.ui.wizard import SetupWizard

                if SetupWizard(services).exec() != QDialog.DialogCode.Accepted:
                    return 0
            runner = TaskRunner()
            sys.excepthook = _excepthook
            shell = Shell(services, runner)
            window = shell.show_window(features=not quick)
            finish = lambda: _finish_start(shell, args.bundle, check=quick)  # noqa: E731
            if quick:
                after_first_paint(window, finish)
            else:
                QTimer.singleShot(0, finish)
            code = app.exec()
            runner.shutdown()
            services = shell.services  # reopened after damage
            return int(code)
        finally:
            services.close()
    finally:
        held.release()


def _open_slowly(data_dir: Path) -> Services | None:
    """Open, migrate and check the folder before any window (new folder, upgrade, damage)."""
    from fazhi_desktop.services import open_services
    from fazhi_desktop.services.errors import FazhiError
    from fazhi_desktop.ui import dialogs
    from fazhi_desktop.ui.backup_dialogs import open_checked
    from fazhi_desktop.ui.i18n import tr

    try:  # a damaged database: offer the latest good backup (issue 7)
        return open_checked(data_dir, opener=lambda d: open_services(d, daily_backup=False))
    except FazhiError as exc:
        dialogs.show_error(None, str(exc), title=tr("无法打开数据目录"))
        return None


def _finish_start(shell: Shell, bundle: str | None, *, check: bool) -> None:
    """After the first screen: the full services (``check``: and the start check the quick
    start left out — on damage the window goes and the folder is opened the slow way, which
    offers the latest good backup), the feature modules, the first-start-of-the-day backup
    (on the worker), then a given bundle or the overdue reminder."""
    from fazhi_desktop import __version__
    from fazhi_desktop.services import backup, health
    from fazhi_desktop.services.errors import FazhiError
    from fazhi_desktop.ui import dialogs
    from fazhi_desktop.ui.i18n import tr

    QApplication.setApplicationVersion(__version__)
    services, window = shell.services, shell.window
    assert window is not None
    try:
        services.load(daily_backup=False)
        sound = not check or health.quick_check(services.ctx).ok
    except FazhiError as exc:
        dialogs.show_error(window, str(exc), title=tr("无法打开数据目录"))
        QApplication.exit(1)
        return
    if not sound:
        window.hide()
        services.close()
        reopened = _open_slowly(services.data_dir)
        if reopened is None:
            QApplication.exit(1)
            return
        window.deleteLater()
        shell.services = services = reopened
        window = shell.show_window()
    window.install_features()
    shell.runner.run(lambda _control: backup.daily_backup(services.ctx), cancellable=False)
    window.ready.emit()
    if bundle:
        window.open_bundle(bundle)
    else:
        window.announce_overdue()


def after_first_paint(window: QWidget, callback: Callable[[], None],
                      fallback_ms: int = 1500) -> None:
    """Call ``callback`` once, in the event loop turn after ``window`` first paints (or after
    ``fallback_ms`` if it never does, e.g. started minimised). Only the window's own events
    are watched: its children paint in the same pass."""
    done = False

    def fire() -> None:
        nonlocal done
        if not done:
            done = True
            window.removeEventFilter(watch)
            callback()

    class _Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, fire)
            return False

    watch = _Watch(window)
    window.installEventFilter(watch)
    QTimer.singleShot(fallback_ms, fire)
