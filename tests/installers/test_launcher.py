"""The frozen launcher: which program a given executable is, and Chinese input on Linux."""

from __future__ import annotations

import sys

from tests.installers._load import load

launcher = load("installers/pyinstaller/launcher.py")


def test_executable_name_selects_cli_or_gui(monkeypatch):
    for exe, kind in (("/opt/fazhi-desktop/fazhi", "cli"), ("C:/App/fazhi.exe", "cli"),
                      ("C:/App/FAZHI.EXE", "cli"), ("/opt/fazhi-desktop/fazhi-desktop", "gui"),
                      ("C:/App/fazhi-desktop.exe", "gui")):
        monkeypatch.setattr(sys, "executable", exe)
        assert launcher.which() == kind, exe


def test_fcitx_without_a_bundled_plugin_falls_back_to_ibus(tmp_path):
    (tmp_path / "libibusplatforminputcontextplugin.so").touch()
    env = {"QT_IM_MODULE": "fcitx"}
    launcher.input_method(env, tmp_path)
    assert env["QT_IM_MODULES"] == "fcitx;ibus"
    env = {"QT_IM_MODULE": "fcitx5", "WAYLAND_DISPLAY": "wayland-0"}
    launcher.input_method(env, tmp_path)
    assert env["QT_IM_MODULES"] == "wayland;fcitx5;ibus"


def test_input_method_left_alone_when_it_already_works(tmp_path):
    (tmp_path / "libfcitx5platforminputcontextplugin.so").touch()
    for env in ({"QT_IM_MODULE": "ibus"}, {}, {"QT_IM_MODULE": "fcitx5"},
                {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx"}):
        before = dict(env)
        launcher.input_method(env, tmp_path)
        assert env == before
