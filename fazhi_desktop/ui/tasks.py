"""The one background-task helper of the UI (cf. Anki's ``QueryOp``/``CollectionOp``).

Anything that may take longer than ~100 ms — every database write, imports, exports,
reports — goes through :class:`TaskRunner`::

    runner.run(lambda task: services.records.create("disputes", data),
               on_done=self._saved, changes=Change.of("disputes"),
               label=tr("正在保存…"), parent=self)

* The work function runs on **one** worker thread, in submission order, so the database has
  a single writer. Read-only queries that may take a while (the full list of a large
  register) go to ``query()``, a second thread that never waits behind a long write. It receives a :class:`TaskControl` for progress and cancellation and must
  never touch a widget (it may only call services and return plain values).
* Results, progress and failures come back to the UI thread through queued signals; the
  callbacks (``on_done``/``on_error``) run on the UI thread.
* A progress dialog appears only when the task is still running after ``delay_ms`` (600 ms,
  as in Anki), with a cancel button that sets the flag ``TaskControl.cancelled()`` reports;
  a long loop checks it (``task.check()``) and stops, the service rolling back its
  transaction, so nothing is left half done.
* A failure shows one standard error dialog (``dialogs.show_error``) unless ``on_error``
  handles it (returns True). ``FazhiError`` messages are written for users and shown as is.
* After a successful write, ``changed`` carries a :class:`Change`; each open view decides
  for itself whether it needs to reload.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.ui import dialogs
from fazhi_desktop.ui.i18n import tr

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600


class Cancelled(Exception):
    """Raised by ``TaskControl.check`` when the user pressed 取消."""


@dataclass(frozen=True)
class Change:
    """What a write changed, so that views can decide whether to reload."""

    registers: frozenset[str] = frozenset()
    record_ids: frozenset[str] = frozenset()
    settings: bool = False
    units: bool = False

    @classmethod
    def of(cls, *registers: str, ids: tuple[str, ...] = ()) -> Change:
        return cls(frozenset(registers), frozenset(ids))

    @classmethod
    def everything(cls) -> Change:
        from fazhi_desktop.domain.registers import REGISTERS

        return cls(frozenset(REGISTERS), frozenset(), True, True)

    def touches(self, register: str | None) -> bool:
        return bool(self.registers) if register is None else register in self.registers


class TaskControl:
    """Given to the work function (on the worker thread): report progress, see cancellation."""

    def __init__(self, task_id: int, report: Callable[[int, int, int], None]) -> None:
        self.task_id = task_id
        self._report = report
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._report(self.task_id, int(done), int(total))

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Worker(QThread):
    """The single worker thread: runs queued work functions one after another."""

    done = Signal(int, bool, object)       # task id, succeeded, result or exception
    progressed = Signal(int, int, int)     # task id, done, total

    def __init__(self) -> None:
        super().__init__()
        self._queue: queue.Queue[tuple[int, Callable[[TaskControl], Any], TaskControl] | None] \
            = queue.Queue()
        self.setObjectName("fazhi-worker")

    def submit(self, task_id: int, work: Callable[[TaskControl], Any],
               control: TaskControl) -> None:
        self._queue.put((task_id, work, control))

    def stop(self) -> None:
        self._queue.put(None)

    def run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            task_id, work, control = item
            try:
                result = work(control)
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI
                exc.__fazhi_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
                self.done.emit(task_id, False, exc)
            else:
                self.done.emit(task_id, True, result)


@dataclass
class _Task:
    id: int
    control: TaskControl
    label: str | None
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], bool] | None
    changes: Change | Callable[[Any], Change] | None
    parent: QWidget | None
    cancellable: bool
    started: float = field(default_factory=time.monotonic)
    dialog: QProgressDialog | None = None
    total: int = 0
    done_count: int = 0


class TaskRunner(QObject):
    """Owns the worker thread; see the module docstring for the contract."""

    changed = Signal(object)     # Change, after a successful write
    finished = Signal(int)       # task id, after its callbacks ran (success, failure, cancel)

    def __init__(self, parent: QObject | None = None, *,
                 delay_ms: int = PROGRESS_DELAY_MS) -> None:
        super().__init__(parent)
        self.delay_ms = delay_ms
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Task] = {}
        self._worker = _Worker()
        self._worker.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._worker.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._worker.start()
        self._reader = _Worker()
        self._reader.setObjectName("fazhi-reader")
        self._reader.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._reader.start()

    # --- submitting -----------------------------------------------------------------
    def run(self, work: Callable[[TaskControl], Any], *,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], bool] | None = None,
            changes: Change | Callable[[Any], Change] | None = None,
            label: str | None = None, parent: QWidget | None = None,
            cancellable: bool = True) -> int:
        """Queue ``work`` for the worker thread; returns the task id."""
        task_id = next(self._ids)
        control = TaskControl(task_id, self._worker.progressed.emit)
        task = _Task(task_id, control, label, on_done, on_error, changes, parent, cancellable)
        self._tasks[task_id] = task
        if label is not None:
            QTimer.singleShot(self.delay_ms, self, lambda: self._show_progress(task_id))
        self._worker.submit(task_id, work, control)
        return task_id

    def query(self, work: Callable[[TaskControl], Any], *,
              on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], bool] | None = None,
              parent: QWidget | None = None) -> int:
        """Queue a read-only ``work`` on the reader thread (never waits behind a long write;
        SQLite's WAL lets it read while the worker writes). No progress dialog, no change."""
        task_id = next(self._ids)
        control = TaskControl(task_id, self._reader.progressed.emit)
        self._tasks[task_id] = _Task(task_id, control, None, on_done, on_error, None, parent,
                                     True)
        self._reader.submit(task_id, work, control)
        return task_id

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def cancel(self, task_id: int) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            task.control.cancel()

    def progress_dialog(self, task_id: int) -> QProgressDialog | None:
        task = self._tasks.get(task_id)
        return task.dialog if task else None

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Let queued work finish, then stop the worker (call before closing the database)."""
        for worker in (self._worker, self._reader):
            if worker.isRunning():
                worker.stop()
                worker.wait(timeout_ms)

    # --- coming back on the UI thread ------------------------------------------------
    def _show_progress(self, task_id: int) -> None:
        task = self._tasks.get(task_id)
        if task is None or task.dialog is not None:
            return
        dialog = QProgressDialog(task.label or "", tr("取消") if task.cancellable else "",
                                 0, task.total, task.parent)
        if not task.cancellable:
            dialog.setCancelButton(None)
        dialog.setWindowTitle(tr("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setValue(task.done_count)
        dialog.canceled.connect(task.control.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(tr("正在取消…")))
        task.dialog = dialog
        dialog.show()

    def _on_progress(self, task_id: int, done: int, total: int) -> None:
        task = self._tasks.get(task_id)
        if task is None:
            return
        task.total, task.done_count = total, done
        if task.dialog is not None and not task.control.cancelled():
            task.dialog.setMaximum(max(total, 0))
            task.dialog.setValue(min(done, total) if total else 0)

    def _on_done(self, task_id: int, ok: bool, payload: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        if task.dialog is not None:
            task.dialog.close()
            task.dialog.deleteLater()
            task.dialog = None
        try:
            if ok:
                self._succeeded(task, payload)
            else:
                assert isinstance(payload, BaseException)
                self._failed(task, payload)
        finally:
            self.finished.emit(task_id)

    def _succeeded(self, task: _Task, result: object) -> None:
        if task.changes is not None:
            change = task.changes(result) if callable(task.changes) else task.changes
            self.changed.emit(change)
        if task.on_done is not None:
            task.on_done(result)

    def _failed(self, task: _Task, exc: BaseException) -> None:
        cancelled = isinstance(exc, Cancelled) or (
            task.control.cancelled() and isinstance(exc, FazhiError) and "取消" in str(exc))
        if task.on_error is not None and task.on_error(exc):
            return
        if cancelled:
            return
        if isinstance(exc, FazhiError):
            dialogs.show_error(task.parent, str(exc))
            return
        details = getattr(exc, "__fazhi_traceback__", "") or repr(exc)
        log.error("background task failed:\n%s", details)
        dialogs.show_error(task.parent, tr("发生意外错误，操作没有完成。请把详细信息告知维护人员。"), details=details)
