"""The record editor, driven through its widgets: create, validate, save, close, history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.ui import dialogs as D
from fazhi_desktop.ui.editor import RecordEditor
from tests.helpers import BUILDERS, id_number

TODAY = dt.date(2026, 11, 27)


def type_into(qtbot: Any, editor: RecordEditor, name: str, text: str) -> None:
    """Type Chinese as an input method does: a committed string (QTest knows only ASCII)."""
    widget = editor.form.inputs[name].widget
    widget.setFocus()
    widget.selectAll()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def save_and_wait(qtbot: Any, editor: RecordEditor) -> str:
    """Press Ctrl+S in the (active) editor window and wait until the save is done."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    with qtbot.waitSignal(editor.saved, timeout=10_000) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return str(blocker.args[0])


FILL = {
    "disputes": {"category": "neighbor", "source": "walk_in"},
    "petitions": {"channel": "visit", "topic": "homestead"},
    "lawsuits": {"cause": "penalty", "served_on": dt.date(2026, 11, 20)},
    "reviews": {"review_type": "contract"},
}


@pytest.mark.parametrize("register", ["disputes", "petitions", "lawsuits", "reviews"])
def test_create_a_record_of_each_register_through_the_editor(qtbot: Any, window: Any,
                                                              services: Any,
                                                              register: str) -> None:
    editor = window.new_record(register)
    type_into(qtbot, editor, "summary", "张某与李某因宅基地边界发生纠纷")
    type_into(qtbot, editor, "handler", "王五")
    for name, value in FILL[register].items():
        editor.form.inputs[name].set(value)
    row = editor.parties.add_row()
    editor.parties.set_cell(row, "name", "张三")
    editor.parties.set_cell(row, "id_number", id_number())
    editor.parties.set_cell(row, "phone", "13800138000")
    if register == "lawsuits":
        hearing = editor.hearings.add_row()
        editor.hearings.set_cell(hearing, "held_on", dt.date(2026, 11, 25))
        editor.hearings.set_cell(hearing, "head_attended", True)
        editor.hearings.set_cell(hearing, "attendee_name", "刘局长")

    record_id = save_and_wait(qtbot, editor)

    stored = services.records.get(record_id)
    assert stored["register"] == register
    assert stored["summary"] == "张某与李某因宅基地边界发生纠纷"
    assert stored["handler"] == "王五"
    assert stored["parties"][0]["name"] == "张三"
    assert stored["serial"].startswith(services.ctx.identity.node_code, 6)
    for name, value in FILL[register].items():
        assert stored[name] == value
    if register == "lawsuits":
        assert stored["hearings"][0]["head_attended"] is True
        assert stored["defence_due"] == dt.date(2026, 12, 7)
    # the editor now shows the saved record (serial in the title, nothing unsaved)
    assert stored["serial"] in editor.windowTitle()
    assert not editor.dirty
    # the open register tab refreshed itself after the write
    view = window.show_register(register)
    assert view.model.rowCount() == 1
    assert view.model.record_id(0) == record_id


def test_bad_id_number_is_shown_next_to_the_parties_and_nothing_is_saved(
        qtbot: Any, window: Any, services: Any) -> None:
    editor = window.new_record("disputes")
    type_into(qtbot, editor, "summary", "邻里纠纷")
    row = editor.parties.add_row()
    editor.parties.set_cell(row, "name", "王芳")
    good = id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    editor.parties.set_cell(row, "id_number", bad)
    qtbot.waitUntil(lambda: not editor.form.inputs["parties"].problem_label.isHidden())
    label = editor.form.inputs["parties"].problem_label.text()
    assert "第1位当事人的身份证号校验位不正确" in label
    assert label.startswith("✖")

    assert editor.save() is False
    assert editor.tabs.currentIndex() == editor._tab_of_widget(editor.parties) == 0
    assert "✖" in editor.tabs.tabText(editor.tabs.currentIndex())
    assert services.records.nums(Filters(register="disputes")) == []

    editor.parties.set_cell(row, "id_number", good)
    qtbot.waitUntil(lambda: editor.form.inputs["parties"].problem_label.isHidden())
    save_and_wait(qtbot, editor)
    assert len(services.records.nums(Filters(register="disputes"))) == 1


def test_required_fields_and_date_order_are_checked_before_saving(qtbot: Any,
                                                                    window: Any) -> None:
    editor = window.new_record("disputes")
    editor.form.inputs["status"].set("resolved")
    problems = editor.validate()
    messages = {p.field: p.message for p in problems if p.is_error}
    assert messages["summary"] == "简要情况不能为空"
    assert "必须填写办结日期" in messages["closed_on"]
    assert not editor.form.inputs["closed_on"].problem_label.isHidden()
    editor.form.inputs["closed_on"].set(TODAY - dt.timedelta(days=40))
    editor.form.inputs["received_on"].set(TODAY - dt.timedelta(days=10))
    messages = {p.field: p.message for p in editor.validate() if p.is_error}
    assert messages["closed_on"] == "办结日期不能早于登记日期"
    assert editor.save() is False


def test_due_date_is_computed_and_shown_with_its_rule(qtbot: Any, window: Any) -> None:
    editor = window.new_record("disputes")
    editor.form.inputs["received_on"].set(dt.date(2026, 11, 2))
    editor.validate()
    assert editor.form.inputs["due_on"].get() == dt.date(2026, 12, 2)
    assert "登记之日起30日内调结" in editor.rule_label.text()
    # overriding the deadline needs a reason
    editor.override.setChecked(True)
    editor.form.inputs["due_on"].set(dt.date(2026, 12, 20))
    problems = {p.field for p in editor.validate() if p.is_error}
    assert "due_override_reason" in problems
    assert "按规则应为 2026-12-02" in editor.rule_label.text()


def test_edit_saves_only_the_changed_fields_and_history_shows_them(
        qtbot: Any, window: Any, services: Any) -> None:
    record = services.records.create("disputes", BUILDERS["disputes"]())
    editor = window.open_record(record["id"])
    assert editor.history.topLevelItemCount() == 1
    editor.form.inputs["status"].set("mediating")
    assert editor.changes(editor.compose()[1]) == {"status": "mediating"}
    save_and_wait(qtbot, editor)
    assert services.records.get(record["id"])["status"] == "mediating"
    assert editor.history.topLevelItemCount() == 2
    newest = editor.history.topLevelItem(0)
    assert newest.text(1) == "修改"
    assert newest.text(4) == "状态：已登记 → 调解中"


def test_service_refusal_is_shown_in_the_form(qtbot: Any, window: Any, services: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from fazhi_desktop.domain.problems import Problem
    from fazhi_desktop.services.errors import ValidationError

    def refuse(register: str, data: dict[str, Any]) -> dict[str, Any]:
        raise ValidationError([(None, Problem("unit_code", "所属单位代码“X”不存在，请先添加该单位"))])

    monkeypatch.setattr(services.records, "create", refuse)
    editor = window.new_record("reviews")
    type_into(qtbot, editor, "summary", "规范性文件审查")
    with qtbot.waitSignal(window.runner.finished, timeout=10_000):
        editor.save()
    assert "不存在" in editor.form.inputs["unit_code"].problem_label.text()
    assert not editor.saving and editor.isVisible()


def test_closing_with_unsaved_changes_asks(qtbot: Any, window: Any, dialogs: Any,
                                          services: Any) -> None:
    editor = window.new_record("petitions")
    type_into(qtbot, editor, "summary", "反映问题")
    assert editor.dirty
    dialogs.save_answer = D.CANCEL
    assert editor.close() is False
    assert editor.isVisible() and len(dialogs.questions) == 1

    dialogs.save_answer = D.SAVE
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.close()
    qtbot.waitUntil(lambda: editor not in window.editors)
    assert len(services.records.nums(Filters(register="petitions"))) == 1

    editor = window.new_record("petitions")
    type_into(qtbot, editor, "summary", "不要了")
    dialogs.save_answer = D.DISCARD
    assert editor.close() is True
    assert len(services.records.nums(Filters(register="petitions"))) == 1


def test_ctrl_n_in_a_register_tab_opens_a_new_editor_of_that_register(qtbot: Any,
                                                                       window: Any) -> None:
    window.show_register("lawsuits")
    window.actions["new"].trigger()
    assert window.editors[-1].reg.name == "lawsuits"
    assert window.editors[-1].record is None
    assert window.editors[-1].hearings is not None
