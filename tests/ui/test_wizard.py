"""The first-run wizard writes through the same service as ``fazhi init``."""

from __future__ import annotations

from typing import Any

from fazhi_desktop.services import open_services
from fazhi_desktop.ui.wizard import SetupWizard


def test_wizard_checks_each_page_and_initialises_the_folder(qtbot: Any, tmp_path: Any) -> None:
    with open_services(tmp_path / "new") as sv:
        assert not sv.initialised
        wizard = SetupWizard(sv)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.unit_name.setText("郭勒木德镇")
        wizard.next()
        assert wizard.currentId() == 0                      # unit code missing
        assert wizard.labels["unit_code"].text() == "✖ 单位代码不能为空"
        wizard.unit_code.setText("632801001")
        wizard.next()
        assert wizard.currentId() == 1
        assert wizard.labels["unit_code"].isHidden()

        wizard.node_name.setText("郭勒木德镇司法所-张三")
        wizard.node_code.setText("g")
        wizard.operator.setText("张三")
        wizard.accept()
        assert not sv.initialised
        assert "本机简码应为2–6位大写字母或数字" in wizard.labels["node_code"].text()
        wizard.node_code.setText("gl1")
        wizard.accept()
        assert sv.initialised
        who = sv.ctx.identity
        assert (who.unit_code, who.unit_name, who.node_code, who.operator) == \
            ("632801001", "郭勒木德镇", "GL1", "张三")
        assert sv.units.get("632801001").level == "township"
