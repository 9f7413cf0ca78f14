"""GUI speed and memory with a large data folder (issue #3).

    .venv/bin/python bench/bench_gui.py [--records 200000] [--data /tmp/fazhi_bench_200k]
                                        [--runs 5] [--platform offscreen|xcb]

* **start-up**: from process start to the main window painted with the first rows of a
  register, against a bare PySide6 window painting an empty table, both measured from
  ``Popen`` in this process to the child's "painted" line; medians of ``--runs`` alternating
  runs. Target: within 2×. The app child runs the real ``fazhi_desktop.app.main`` on a folder
  last closed on the 矛盾纠纷 tab (the window reopens on it) and watches that table's viewport
  as the bare child watches its own; it also reports when the window is fully loaded (its
  ``ready`` signal: SQLAlchemy services, every tab and feature) and whether SQLAlchemy was
  imported before the paint. Our package is byte-compiled first, as an installed program is.
* **tab switch**: the first visit of each register tab (loads its record numbers) and the
  median of later switches, to the table painted. Target: median under 100 ms.
* **filter apply**: status / overdue / handler / period / unit / search filters on the
  largest register, each applied and painted; median. Target: under 100 ms.
* **peak RSS** of the app process after start-up, every tab, every filter and scrolling
  through the largest register from top to bottom. Target: under 300 MB.

The data folder is built once with ``fazhi init`` + ``fazhi demo --records N`` and cached
(the path is printed); delete it to rebuild.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FAZHI = str(Path(PY).parent / "fazhi")


def ensure_data(folder: Path, records: int) -> None:
    marker = folder / f".bench-{records}"
    if marker.exists():
        return
    if folder.exists():
        raise SystemExit(f"{folder} exists but was not built by this bench; remove it first")
    print(f"building {records} demo records in {folder} (once)…", flush=True)
    subprocess.run([FAZHI, "--data-dir", str(folder), "init", "--unit-code", "632801",
                    "--unit-name", "西城区", "--node-name", "西城区司法所-张三",
                    "--node-code", "XC1", "--operator", "张三"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([FAZHI, "--data-dir", str(folder), "demo", "--records", str(records)],
                   check=True, stdout=subprocess.DEVNULL)
    marker.write_text("ok")


# --- the child processes ----------------------------------------------------------------------
CHILD_COMMON = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer, QSettings
from PySide6.QtWidgets import QApplication

class PaintWatch(QObject):
    def __init__(self, table, want_rows):
        super().__init__()
        self.table, self.want_rows = table, want_rows
        table.viewport().installEventFilter(self)
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and \
                (not self.want_rows or self.table.model().rowCount() > 0):
            QTimer.singleShot(0, self.done)
        return False
    def done(self):
        print("PAINTED", flush=True)
        QApplication.instance().exit(0)
"""

BARE_CHILD = CHILD_COMMON + r"""
from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget
from PySide6.QtGui import QStandardItemModel
app = QApplication(sys.argv)
window = QMainWindow()
tabs = QTabWidget()
table = QTableView()
table.setModel(QStandardItemModel(0, 12))
tabs.addTab(table, "table")
window.setCentralWidget(tabs)
watch = PaintWatch(table, False)
window.resize(1280, 720)
window.show()
app.exec()
"""

# The real start (``fazhi_desktop.app.main``), on a folder last closed on the 矛盾纠纷 tab (the
# window reopens on it). PAINTED: a register table of the main window paints with rows;
# READY: the window's ``ready`` signal (full services loaded, every feature installed).
APP_CHILD = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
app = QApplication(sys.argv[:1])

class Watch(QObject):  # on each register table's viewport, as the bare child watches its table
    painted = False
    def __init__(self, table):
        super().__init__(table)
        self.table = table
        table.viewport().installEventFilter(self)
    def eventFilter(self, obj, event):
        if not Watch.painted and event.type() == QEvent.Type.Paint \
                and self.table.model().rowCount() > 0:
            Watch.painted = True
            print("PAINTED", "sqlalchemy" in sys.modules, flush=True)
            self.table.window().ready.connect(self.ready)
        return False
    def ready(self):
        print("READY", flush=True)
        os._exit(0)

from fazhi_desktop.ui import register_view
make_table = register_view.make_table
def watched_table(*args, **kwargs):
    table = make_table(*args, **kwargs)
    Watch(table)
    return table
register_view.make_table = watched_table
from fazhi_desktop.app import main
main(["--data-dir", sys.argv[1]])
"""

REMEMBER_TAB = r"""
import sys
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from fazhi_desktop.ui import prefs
from fazhi_desktop.ui.mainwindow import TAB_KEY
prefs.put(TAB_KEY, "disputes")
print("PAINTED")
"""

INTERACT_CHILD = r"""
import datetime as dt, json, resource, statistics, sys, time
from PySide6.QtCore import QEventLoop, QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from fazhi_desktop.app import make_application
app = make_application()
from fazhi_desktop.services import open_services
from fazhi_desktop.ui.tasks import TaskRunner
from fazhi_desktop.ui.mainwindow import MainWindow
services = open_services(sys.argv[1])
runner = TaskRunner()
window = MainWindow(services, runner)
window.tabs.setCurrentIndex(0)   # start on 工作台 (the folder reopens on 矛盾纠纷, see above)
window.resize(1280, 720)
window.show()
app.processEvents()

def timed(action, full=None):
    # ms until the first rows are painted; with ``full`` (a list) also appends the ms until
    # the progressive load has the whole list of record numbers
    start = time.perf_counter()
    action()
    app.processEvents()          # handles the update request: the table paints its rows
    first = (time.perf_counter() - start) * 1000
    view = window.tabs.currentWidget()
    model = getattr(view, "model", None)
    while model is not None and not model.complete:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    if full is not None:
        full.append((time.perf_counter() - start) * 1000)
    return first

out = {"first_visit_ms": {}, "switch_ms": [], "filter_ms": {}, "filter_full_ms": [],
       "first_visit_full_ms": []}
for index in range(1, window.tabs.count()):
    name = window.tabs.widget(index).register
    out["first_visit_ms"][name] = timed(lambda i=index: window.tabs.setCurrentIndex(i),
                                        out["first_visit_full_ms"])
for _ in range(5):
    for index in range(window.tabs.count()):
        out["switch_ms"].append(timed(lambda i=index: window.tabs.setCurrentIndex(i)))

sizes = {n: v.model.rowCount() for n, v in window.views.items()}
largest = max(sizes, key=sizes.get)
view = window.show_register(largest)
app.processEvents()
handler = view.model.record_at(0)["handler"] or "李"
unit = services.units.all()[-1].code
steps = [
    ("status=open", lambda: view.status.setCurrentIndex(view.status.findData("__open__"))),
    ("status=first", lambda: view.status.setCurrentIndex(3)),
    ("status=all", lambda: view.status.setCurrentIndex(0)),
    ("overdue on", lambda: view.overdue.setChecked(True)),
    ("overdue off", lambda: view.overdue.setChecked(False)),
    ("period=year", lambda: view.period.setCurrentIndex(view.period.findData("year"))),
    ("period=all", lambda: view.period.setCurrentIndex(0)),
    ("unit=leaf", lambda: view.unit.setCurrentIndex(view.unit.findData(unit))),
    ("unit=all", lambda: view.unit.setCurrentIndex(0)),
    ("handler", lambda: (view.handler.setText(handler), view.apply_filters())),
    ("handler clear", lambda: (view.handler.clear(), view.apply_filters())),
    ("search 2 chars", lambda: (view.search.setText("王芳"), view.apply_filters())),
    ("search clear", lambda: (view.search.clear(), view.apply_filters())),
]
for name, step in steps:
    out["filter_ms"][name] = timed(step, out["filter_full_ms"])
out["rows"] = sizes
out["largest"] = largest
# scroll through the whole largest register (400 screens from top to bottom)
bar = view.table.verticalScrollBar()
view.table.doItemsLayout()           # the scroll range follows the rows inserted last
app.processEvents()
assert bar.maximum() > view.model.rowCount() // 2, (bar.maximum(), view.model.rowCount())
start = time.perf_counter()
steps = 0
for value in range(0, bar.maximum() + 1, max(1, bar.pageStep(), bar.maximum() // 400)):
    bar.setValue(value)
    app.processEvents()          # the table paints the rows now in view (pages them in)
    steps += 1
out["scroll_all_s"] = time.perf_counter() - start
out["scroll_steps"] = steps
out["cached_rows_after_scroll"] = view.model.cached_rows()
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT " + json.dumps(out, ensure_ascii=False), flush=True)
runner.shutdown()
"""


IMPORTS_CHILD = r"""
import time
t0 = time.perf_counter()
import PySide6.QtWidgets
t1 = time.perf_counter()
import sqlalchemy.orm
t2 = time.perf_counter()
import alembic.runtime.migration
t3 = time.perf_counter()
import fazhi_desktop.services
t4 = time.perf_counter()
import fazhi_desktop.ui.mainwindow
t5 = time.perf_counter()
print("PAINTED")
print("IMPORTS", round((t1 - t0) * 1000), round((t2 - t1) * 1000), round((t3 - t2) * 1000),
      round((t4 - t3) * 1000), round((t5 - t4) * 1000))
"""


def run_child(code: str, args: list[str], env: dict[str, str]) -> tuple[float, str, float]:
    """Seconds from ``Popen`` to the child's PAINTED line, its output, seconds to READY."""
    start = time.perf_counter()
    proc = subprocess.Popen([PY, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=str(ROOT))
    assert proc.stdout is not None
    elapsed, ready, out = None, float("nan"), []
    for line in proc.stdout:
        out.append(line)
        if line.startswith("PAINTED") and elapsed is None:
            elapsed = time.perf_counter() - start
        if line.startswith("READY"):
            ready = time.perf_counter() - start
    proc.wait(timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}): {''.join(out)[-2000:]}")
    return (elapsed if elapsed is not None else float("nan")), "".join(out), ready


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()
    folder = args.data or Path(f"/tmp/fazhi_bench_{args.records // 1000}k")
    ensure_data(folder, args.records)
    prefs = Path("/tmp/fazhi_bench_prefs")
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, PYTHONPATH=str(ROOT))

    # As installed (PyInstaller, pip): our modules run from bytecode, not compiled per start
    # (this box sets PYTHONDONTWRITEBYTECODE, so the tree would otherwise never get .pyc).
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "fazhi_desktop")], check=True)
    run_child(REMEMBER_TAB, [str(prefs)], env)
    run_child(BARE_CHILD, [], env)                       # warm the OS caches once
    run_child(APP_CHILD, [str(folder), str(prefs)], env)
    bare, app, ready, lazy = [], [], [], []
    for _ in range(args.runs):
        bare.append(run_child(BARE_CHILD, [], env)[0])
        painted, out, done = run_child(APP_CHILD, [str(folder), str(prefs)], env)
        app.append(painted)
        ready.append(done)
        lazy.append("PAINTED False" in out)
    bare_ms, app_ms = statistics.median(bare) * 1000, statistics.median(app) * 1000
    print(f"data folder: {folder} ({args.records} records), platform {args.platform}")
    print(f"start-up to first rows painted: app {app_ms:.0f} ms, bare PySide6 window "
          f"{bare_ms:.0f} ms, ratio {app_ms / bare_ms:.2f}× (target ≤ 2×; "
          f"runs app {[round(x * 1000) for x in app]}, bare {[round(x * 1000) for x in bare]}; "
          f"SQLAlchemy not yet imported at the paint in {sum(lazy)}/{len(lazy)} runs)")
    print(f"start-up to fully loaded (services, every feature; the window's ready signal): "
          f"{statistics.median(ready) * 1000:.0f} ms, "
          f"{statistics.median(ready) * 1000 / bare_ms:.2f}× the bare window")

    parts = [[int(v) for v in line.split()[1:]] for line in
             (next(x for x in run_child(IMPORTS_CHILD, [], env)[1].splitlines()
                   if x.startswith("IMPORTS")) for _ in range(args.runs))]
    qt, sqla, alembic, services, ui = (statistics.median(p[i] for p in parts) for i in range(5))
    print(f"import costs (medians): PySide6.QtWidgets {qt:.0f} ms, sqlalchemy.orm {sqla:.0f} ms, "
          f"alembic {alembic:.0f} ms, the rest of fazhi_desktop.services {services:.0f} ms, "
          f"the UI modules {ui:.0f} ms")

    _, out, _ = run_child(INTERACT_CHILD, [str(folder), str(prefs)], env)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    print(f"rows per register: {result['rows']}")
    firsts = ", ".join(f"{k} {v:.0f} ms" for k, v in result["first_visit_ms"].items())
    print(f"tab first visit (loads the register's numbers), first rows painted: {firsts}; "
          f"whole list loaded: {[round(x) for x in result['first_visit_full_ms']]} ms")
    print(f"tab switch median (later visits): {statistics.median(result['switch_ms']):.1f} ms "
          f"(target < 100 ms; max {max(result['switch_ms']):.1f} ms)")
    filters = result["filter_ms"]
    print(f"filter apply on {result['largest']} ({result['rows'][result['largest']]} rows): "
          f"median {statistics.median(filters.values()):.0f} ms to the first rows painted, "
          f"{statistics.median(result['filter_full_ms']):.0f} ms to the whole list loaded "
          f"(target < 100 ms)")
    for (name, value), full in zip(filters.items(), result["filter_full_ms"]):
        print(f"  {name:15s} first rows {value:7.1f} ms, whole list {full:7.1f} ms")
    print(f"{result['scroll_steps']} screens from top to bottom of {result['largest']}: "
          f"{result['scroll_all_s'] * 1000 / result['scroll_steps']:.1f} ms per screen, rows cached "
          f"afterwards {result['cached_rows_after_scroll']}")
    print(f"peak RSS: {result['peak_rss_mb']:.0f} MB (target < 300 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
