"""GUI test fixtures: offscreen Qt, preferences in tmp_path, dialogs recorded not shown.

The data folder comes from the session template of ``tests/conftest.py`` (initialised once,
copied per test). Every question/message box goes through ``fazhi_desktop.ui.dialogs``; the
``dialogs`` fixture replaces those functions, records what would have been shown and answers
questions as the test says.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from fazhi_desktop.services import Services
from fazhi_desktop.ui import dialogs as dialogs_module
from fazhi_desktop.ui import i18n


@dataclass
class DialogRecorder:
    """What the UI would have shown, and the answers it gets."""

    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    yes: bool = True
    save_answer: str = dialogs_module.CANCEL
    open_file: str | None = None

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def error(_parent: Any, text: str, **_k: Any) -> None:
            self.errors.append(text)

        def info(_parent: Any, text: str, **_k: Any) -> None:
            self.infos.append(text)

        def warning(_parent: Any, text: str, **_k: Any) -> None:
            self.warnings.append(text)

        def ask(_parent: Any, text: str, **_k: Any) -> bool:
            self.questions.append(text)
            return self.yes

        def ask_save(_parent: Any, text: str) -> str:
            self.questions.append(text)
            return self.save_answer

        monkeypatch.setattr(dialogs_module, "show_error", error)
        monkeypatch.setattr(dialogs_module, "show_info", info)
        monkeypatch.setattr(dialogs_module, "show_warning", warning)
        monkeypatch.setattr(dialogs_module, "ask_yes_no", ask)
        monkeypatch.setattr(dialogs_module, "ask_save_changes", ask_save)
        monkeypatch.setattr(dialogs_module, "ask_open_file", lambda *_a, **_k: self.open_file)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    recorder = DialogRecorder()
    recorder.install(monkeypatch)
    return recorder


@pytest.fixture(autouse=True)
def ui_environment(qapp: Any, tmp_path: Path, dialogs: DialogRecorder) -> Iterator[None]:
    """Preferences in tmp_path and the Chinese UI installed, for every GUI test."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "prefs"))
    i18n.install("zh")
    yield
    i18n.install("zh")


@pytest.fixture
def runner(qapp: Any) -> Iterator[Any]:
    from fazhi_desktop.ui.tasks import TaskRunner

    task_runner = TaskRunner(delay_ms=600)
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def window(qtbot: Any, services: Services, runner: Any) -> Iterator[Any]:
    from fazhi_desktop.ui.mainwindow import MainWindow

    main = MainWindow(services, runner)
    qtbot.addWidget(main)
    main.show()
    yield main
    for editor in list(main.editors):
        editor.force_close()
