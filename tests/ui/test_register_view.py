"""Register tabs: paged model, filters, search, overdue marking, delete/undo/restore, layout."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.ui import table_model as TM
from fazhi_desktop.ui.dashboard import DeadlineItemsModel
from fazhi_desktop.ui.table_model import ID_ROLE, LEVEL_ROLE, RecordTableModel
from tests.helpers import BUILDERS, party

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def disputes(services: Any) -> list[dict[str, Any]]:
    """Four disputes: two open (one overdue), one closed, different handlers and parties."""
    make = BUILDERS["disputes"]
    return services.records.create_many("disputes", [
        make(summary="王芳与邻居漏水纠纷", received_on="2026-10-01", handler="李丽",
             parties=[party("王芳")]),
        make(summary="张伟欠薪纠纷", received_on="2026-11-20", handler="何士超",
             parties=[party("张伟")], category="labor_wages"),
        make(summary="王芳芳宅基地纠纷", received_on="2026-11-10", handler="李丽",
             status="resolved", closed_on="2026-11-15", agreement_form="written",
             parties=[party("王芳芳")]),
        make(summary="刘某物业纠纷", received_on="2025-06-01", handler="沈伯",
             status="withdrawn", closed_on="2025-06-05", parties=[party("刘强")]),
    ])


def rows(view: Any) -> list[str]:
    model = view.model
    return [model.record_at(r)["summary"] for r in range(model.rowCount())]


def test_model_holds_numbers_and_pages_rows_in(qtbot: Any, qtmodeltester: Any, services: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    services.records.create_many("petitions", [BUILDERS["petitions"](summary=f"第{i}件")
                                               for i in range(250)])
    monkeypatch.setattr(TM, "PAGE_SIZE", 40)
    monkeypatch.setattr(TM, "MAX_PAGES", 3)
    monkeypatch.setattr(TM, "FIRST_ROWS", 100)
    fetched: list[int] = []
    real_fetch = services.reader.fetch

    def counting_fetch(nums: Any, **kw: Any) -> Any:
        fetched.append(len(nums))
        return real_fetch(nums, **kw)

    monkeypatch.setattr(services.reader, "fetch", counting_fetch)
    model = RecordTableModel(services, "petitions")
    with qtbot.waitSignal(model.completed, timeout=5000):
        model.reload()
        assert model.rowCount() == 100       # the first screenful of numbers at once…
        assert not model.complete
    assert model.rowCount() == 250           # …the rest in the next turn of the event loop
    assert fetched == []                     # nothing fetched before a row is asked for
    assert model.index(249, 1).data() == "第0件"  # newest first; ties by number, descending
    assert fetched == [10]                   # just the last page (rows 240–249)
    for row in range(0, 250, 10):
        model.index(row, 0).data()
    assert model.cached_rows() <= 3 * 40     # only the most recent pages are kept
    qtmodeltester.check(model)


def test_the_rest_of_a_long_list_is_read_on_the_reader_thread(
        qtbot: Any, services: Any, runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    services.records.create_many("reviews", [BUILDERS["reviews"](summary=f"审{i}")
                                             for i in range(30)])
    monkeypatch.setattr(TM, "FIRST_ROWS", 10)
    model = RecordTableModel(services, "reviews", runner=runner)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    with qtbot.waitSignal(model.completed, timeout=5000):
        model.reload()
        assert model.rowCount() == 10
    assert model.rowCount() == 30 and inserted == [(10, 29)]
    assert [model.record_at(r)["summary"] for r in (0, 29)] == ["审29", "审0"]


def test_model_sorts_in_the_database(services: Any, disputes: Any) -> None:
    model = RecordTableModel(services, "disputes")
    model.reload()
    column = next(i for i, c in enumerate(model.columns) if c.key == "handler")
    model.sort(column, Qt.SortOrder.AscendingOrder)
    handlers = [model.index(r, column).data() for r in range(model.rowCount())]
    assert handlers == sorted(handlers)
    parties = next(i for i, c in enumerate(model.columns) if c.key == "party_names")
    model.sort(parties, Qt.SortOrder.AscendingOrder)  # not sortable: order unchanged
    assert [model.index(r, column).data() for r in range(model.rowCount())] == handlers


def test_every_model_passes_the_model_tester(qtmodeltester: Any, services: Any,
                                            disputes: Any) -> None:
    for model in (RecordTableModel(services, "disputes"),
                  RecordTableModel(services, None, filters=Filters(search="王芳")),
                  RecordTableModel(services, None, filters=Filters(deleted=True))):
        model.reload()
        qtmodeltester.check(model)
    items = DeadlineItemsModel()
    items.set_items(services.records.deadline_items(TODAY), TODAY)
    assert items.rowCount() == 1
    qtmodeltester.check(items)
    empty = RecordTableModel(services, "reviews")
    empty.reload()
    qtmodeltester.check(empty)


def test_overdue_rows_are_marked_by_text_icon_and_colour(window: Any, disputes: Any) -> None:
    view = window.show_register("disputes")
    model = view.model
    deadline = next(i for i, c in enumerate(model.columns) if c.key == "deadline")
    overdue_row = rows(view).index("王芳与邻居漏水纠纷")
    index = model.index(overdue_row, deadline)
    assert index.data() == "已逾期 25 天"  # due 10-31 is a Saturday → 11-02
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(LEVEL_ROLE) == 2
    closed_row = rows(view).index("王芳芳宅基地纠纷")
    assert model.index(closed_row, deadline).data() == ""
    assert model.index(closed_row, deadline).data(Qt.ItemDataRole.DecorationRole) is None


def test_filters(qtbot: Any, window: Any, disputes: Any) -> None:
    view = window.show_register("disputes")
    assert len(rows(view)) == 4
    assert view.count_label.text() == "共 4 条"

    view.status.setCurrentIndex(view.status.findData("__open__"))
    assert sorted(rows(view)) == ["张伟欠薪纠纷", "王芳与邻居漏水纠纷"]
    view.status.setCurrentIndex(view.status.findData("resolved"))
    assert rows(view) == ["王芳芳宅基地纠纷"]
    view.reset_filters()

    view.overdue.setChecked(True)
    assert rows(view) == ["王芳与邻居漏水纠纷"]
    view.overdue.setChecked(False)

    view.period.setCurrentIndex(view.period.findData("last_year"))
    assert rows(view) == ["刘某物业纠纷"]
    view.period.setCurrentIndex(view.period.findData("custom"))
    assert view.date_from.isVisible()
    view.date_from.set_value(dt.date(2026, 11, 1))
    view.date_to.set_value(dt.date(2026, 11, 15))
    assert rows(view) == ["王芳芳宅基地纠纷"]
    view.reset_filters()

    view.handler.setText("李丽")
    qtbot.waitUntil(lambda: len(rows(view)) == 2)
    assert set(rows(view)) == {"王芳与邻居漏水纠纷", "王芳芳宅基地纠纷"}
    view.reset_filters()

    view.unit.setCurrentIndex(view.unit.findData("632801002"))   # a unit with no records
    assert rows(view) == []
    view.unit.setCurrentIndex(view.unit.findData("632801"))      # the office and below
    assert len(rows(view)) == 4


def test_search_a_two_character_name(qtbot: Any, window: Any, disputes: Any) -> None:
    view = window.show_register("disputes")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.actions["find"].trigger()          # Ctrl+F
    qtbot.waitUntil(view.search.hasFocus)
    view.search.setText("王芳")
    qtbot.waitUntil(lambda: len(rows(view)) == 2)
    assert set(rows(view)) == {"王芳与邻居漏水纠纷", "王芳芳宅基地纠纷"}
    view.search.setText("张伟")
    view.apply_filters()
    assert rows(view) == ["张伟欠薪纠纷"]
    # the dashboard searches every register
    window.tabs.setCurrentIndex(0)
    window.dashboard.search.setText("王芳")
    window.dashboard.run_search()
    assert window.dashboard.search_model.rowCount() == 2
    assert "搜索结果：2 条" in window.dashboard.list_title.text()


def test_delete_undo_and_restore_from_the_recycle_bin(qtbot: Any, window: Any, services: Any,
                                                      disputes: Any, dialogs: Any) -> None:
    view = window.show_register("disputes")
    row = rows(view).index("张伟欠薪纠纷")
    view.table.selectRow(row)
    target = view.selected_ids()
    assert target == [next(d["id"] for d in disputes if d["summary"] == "张伟欠薪纠纷")]
    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        view.delete_button.click()
    assert "移入回收站" in dialogs.questions[-1]
    assert "张伟欠薪纠纷" not in rows(view)
    assert services.records.get(target[0])["deleted"] is True
    assert not window.undo_button.isHidden()

    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        window.actions["undo_delete"].trigger()
    assert "张伟欠薪纠纷" in rows(view)
    assert services.records.get(target[0])["deleted"] is False

    view.table.selectRow(rows(view).index("张伟欠薪纠纷"))
    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        view.delete_button.click()
    bin_ = window.show_recycle_bin()
    assert bin_.model.rowCount() == 1
    bin_.table.selectRow(0)
    with qtbot.waitSignal(bin_.restored, timeout=10_000):
        bin_.restore_button.click()
    assert bin_.model.rowCount() == 0
    assert "张伟欠薪纠纷" in rows(view)
    history = [h.action for h in services.records.history(target[0])]
    assert history == ["create", "delete", "restore", "delete", "restore"]


def test_deleting_from_the_editor_closes_it(qtbot: Any, window: Any, disputes: Any) -> None:
    editor = window.open_record(disputes[0]["id"])
    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        editor.delete_button.click()
    qtbot.waitUntil(lambda: editor not in window.editors)


def test_double_click_opens_the_editor(qtbot: Any, disputes: Any, window: Any) -> None:
    view = window.show_register("disputes")
    index = view.model.index(0, 1)
    view.table.doubleClicked.emit(index)
    assert window.editors[-1].record_id == index.data(ID_ROLE)
    window.dashboard.items_table.doubleClicked.emit(window.dashboard.items_model.index(0, 0))
    assert window.editors[-1].record["summary"] == "王芳与邻居漏水纠纷"


def test_column_layout_and_sort_are_remembered(qtbot: Any, services: Any, runner: Any,
                                               disputes: Any) -> None:
    from fazhi_desktop.ui.mainwindow import MainWindow

    first = MainWindow(services, runner)
    qtbot.addWidget(first)
    header = first.views["disputes"].table.horizontalHeader()
    header.resizeSection(1, 333)
    header.setSortIndicator(5, Qt.SortOrder.AscendingOrder)   # 承办人
    first.resize(700, 500)  # the offscreen screen is 800×600
    size = first.size()
    first.close()

    second = MainWindow(services, runner)
    qtbot.addWidget(second)
    header = second.views["disputes"].table.horizontalHeader()
    assert header.sectionSize(1) == 333
    assert header.sortIndicatorSection() == 5
    assert second.size() == size and size.height() == 500
    view = second.show_register("disputes")
    handlers = [view.model.record_at(r)["handler"] for r in range(view.model.rowCount())]
    assert handlers == sorted(handlers)
