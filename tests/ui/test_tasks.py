"""The background-task helper: one worker thread, results by signal, progress, cancel, errors."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QPushButton

from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.ui.tasks import Change, TaskControl, TaskRunner


def test_work_runs_off_the_ui_thread_in_order_and_reports_back(qtbot: Any,
                                                                runner: TaskRunner) -> None:
    ui_thread = threading.get_ident()
    seen: list[tuple[str, int]] = []
    results: list[Any] = []

    def work(name: str) -> Any:
        def run(task: TaskControl) -> str:
            seen.append((name, threading.get_ident()))
            return name.upper()
        return run

    changes: list[Change] = []
    runner.changed.connect(changes.append)
    runner.run(work("a"), on_done=results.append)
    runner.run(work("b"), on_done=results.append, changes=Change.of("disputes"))
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert results == ["A", "B"]
    assert [n for n, _ in seen] == ["a", "b"]
    workers = {t for _, t in seen}
    assert len(workers) == 1 and ui_thread not in workers      # one worker, not the UI
    assert changes == [Change.of("disputes")]
    assert not runner.busy


def test_failures_show_one_standard_error_dialog(qtbot: Any, runner: TaskRunner,
                                                 dialogs: Any) -> None:
    def refuse(task: TaskControl) -> None:
        raise FazhiError("文件 x.fzb 已损坏")

    def crash(task: TaskControl) -> None:
        raise KeyError("boom")

    changes: list[Change] = []
    runner.changed.connect(changes.append)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(refuse, changes=Change.of("disputes"))
    assert dialogs.errors == ["文件 x.fzb 已损坏"]
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(crash)
    assert dialogs.errors[-1].startswith("发生意外错误")
    assert changes == []                   # a failed write announces no change
    handled: list[BaseException] = []
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(refuse, on_error=lambda e: handled.append(e) or True)
    assert len(dialogs.errors) == 2 and isinstance(handled[0], FazhiError)


def test_progress_dialog_appears_after_a_delay_and_can_cancel(qtbot: Any, dialogs: Any) -> None:
    runner = TaskRunner(delay_ms=100)
    started, release = threading.Event(), threading.Event()
    stopped_at: list[int] = []

    def long_loop(task: TaskControl) -> int:
        started.set()
        for done in range(1000):
            task.progress(done, 1000)
            if task.cancelled():
                stopped_at.append(done)
                task.check()
            release.wait(0.01)
        return 1000

    outcome: list[Any] = []
    task_id = runner.run(long_loop, label="正在导入…", on_done=outcome.append)
    assert runner.progress_dialog(task_id) is None       # not at once: only after the delay
    qtbot.waitUntil(lambda: runner.progress_dialog(task_id) is not None, timeout=3000)
    dialog = runner.progress_dialog(task_id)
    assert dialog.labelText() == "正在导入…"
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=3000)
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    with qtbot.waitSignal(runner.finished, timeout=5000):
        cancel.click()
    assert stopped_at and stopped_at[0] < 1000
    assert outcome == [] and dialogs.errors == []        # cancelling is not an error
    runner.shutdown()


def test_quick_tasks_show_no_progress_dialog(qtbot: Any, runner: TaskRunner) -> None:
    with qtbot.waitSignal(runner.finished, timeout=5000):
        task_id = runner.run(lambda task: 1, label="正在保存…")
    assert runner.progress_dialog(task_id) is None


def test_queries_run_on_a_reader_thread_that_does_not_wait_for_writes(qtbot: Any,
                                                                       runner: TaskRunner) -> None:
    release = threading.Event()
    threads: dict[str, int] = {}

    def long_write(task: TaskControl) -> None:
        threads["write"] = threading.get_ident()
        release.wait(5)

    def read(task: TaskControl) -> str:
        threads["read"] = threading.get_ident()
        return "rows"

    got: list[str] = []
    runner.run(long_write)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.query(read, on_done=got.append)
    assert got == ["rows"]                    # answered while the write is still running
    assert threads["read"] != threads["write"]
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
