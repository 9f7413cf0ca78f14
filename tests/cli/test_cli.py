"""The command line as a user types it: output, exit status, and nothing half written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi_desktop.cli.main import main
from tests.helpers import dispute, party


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "d")
    code, out, _ = run(capsys, "init", "--unit-code", "632801", "--unit-name", "西城区",
                       "--node-name", "西城区司法所-张三", "--node-code", "XC1",
                       "--operator", "张三", "--data-dir", d)
    assert code == 0 and "已初始化" in out
    return d


def test_commands_before_init_say_what_to_do(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.json"
    src.write_text(json.dumps(dispute()), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "new"), "records", "add", "disputes",
                       "--json", str(src))
    assert code == 1 and "fazhi init" in err


def test_add_object_and_array_then_get_list_update_history(
        folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps(dispute(parties=[party("马兰")])), encoding="utf-8")
    code, out, _ = run(capsys, "records", "add", "disputes", "--json", str(one), "--data-dir", folder)
    assert code == 0
    created = json.loads(out)
    assert created["serial"] == "纠2026-XC1-0001" and created["id"]

    many = tmp_path / "many.json"
    many.write_text(json.dumps([dispute(), dispute()]), encoding="utf-8")
    code, out, _ = run(capsys, "records", "add", "disputes", "--json", str(many), "--data-dir", folder)
    assert code == 0 and len(json.loads(out)) == 2

    code, out, _ = run(capsys, "records", "get", created["serial"], "--data-dir", folder)
    assert json.loads(out)["parties"][0]["name"] == "马兰"

    code, out, _ = run(capsys, "records", "list", "disputes", "--search", "马兰", "--json",
                       "--data-dir", folder)
    assert [r["id"] for r in json.loads(out)] == [created["id"]]
    code, out, _ = run(capsys, "records", "list", "disputes", "--data-dir", folder)
    assert "共 3 条" in out

    change = tmp_path / "change.json"
    change.write_text('{"handler": "马文"}', encoding="utf-8")
    code, out, _ = run(capsys, "records", "update", created["id"], "--json", str(change),
                       "--data-dir", folder)
    assert code == 0 and json.loads(out)["handler"] == "马文"
    code, out, _ = run(capsys, "records", "history", created["id"], "--data-dir", folder)
    assert "修改" in out and "handler" in out and "马文" in out and "张三" in out


def test_refused_array_saves_nothing_and_exits_non_zero(
        folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([dispute(), dispute(parties=[party(id_number="632801199001011234")])]),
                   encoding="utf-8")
    code, out, err = run(capsys, "records", "add", "disputes", "--json", str(bad),
                         "--data-dir", folder)
    assert code == 1 and out == ""
    assert "第2条" in err and "校验位" in err
    code, out, _ = run(capsys, "records", "list", "disputes", "--json", "--data-dir", folder)
    assert json.loads(out) == []


def test_delete_restore_and_recycle_bin(folder: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.json"
    src.write_text(json.dumps(dispute()), encoding="utf-8")
    created = json.loads(run(capsys, "records", "add", "disputes", "--json", str(src),
                             "--data-dir", folder)[1])
    assert run(capsys, "records", "delete", created["id"], "--data-dir", folder)[0] == 0
    _, out, _ = run(capsys, "records", "list", "disputes", "--deleted", "--json", "--data-dir", folder)
    assert [r["id"] for r in json.loads(out)] == [created["id"]]
    code, _, err = run(capsys, "records", "delete", created["id"], "--data-dir", folder)
    assert code == 1 and "回收站" in err
    assert run(capsys, "records", "restore", created["id"], "--data-dir", folder)[0] == 0
    _, out, _ = run(capsys, "records", "get", created["id"], "--data-dir", folder)
    assert json.loads(out)["deleted"] is False


def test_bad_json_and_unknown_record(folder: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "broken.json"
    src.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "records", "add", "disputes", "--json", str(src), "--data-dir", folder)
    assert code == 1 and "不是有效的 JSON" in err
    code, _, err = run(capsys, "records", "get", "纠2026-XC1-9999", "--data-dir", folder)
    assert code == 1 and "找不到" in err


def test_demo_then_check(folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--records", "300", "--seed", "7", "--data-dir", folder)
    assert code == 0 and "演示数据" in out
    _, out, _ = run(capsys, "records", "list", "disputes", "--json", "--data-dir", folder)
    demo = json.loads(out)
    assert len(demo) > 50
    assert any(r["status"] in ("registered", "mediating") for r in demo)
    code, out, _ = run(capsys, "check", "--data-dir", folder)
    assert code == 0 and "integrity_check: ok" in out and "审计链完整" in out


def test_init_twice_is_refused(folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "init", "--unit-code", "1", "--unit-name", "x", "--node-name", "y",
                       "--node-code", "AB", "--data-dir", folder)
    assert code == 1 and "已经初始化" in err


def test_init_creates_this_pcs_signing_key_in_the_keyring(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import keyring

    code, out, _ = run(capsys, "init", "--unit-code", "632801", "--unit-name", "西城区",
                       "--node-name", "甲电脑", "--node-code", "JA", "--data-dir", str(tmp_path / "d"))
    assert code == 0 and "本机同步指纹" in out
    stored = keyring.get_keyring().store  # type: ignore[attr-defined]
    assert any(user.endswith(":signing-key") for _, user in stored)
