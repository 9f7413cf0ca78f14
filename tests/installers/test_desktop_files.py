"""The Linux desktop integration files validate and agree with each other and with the app."""

from __future__ import annotations

import ast
import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installers" / "linux"
DESKTOP = LINUX / "fazhi-desktop.desktop"
MIME = LINUX / "fazhi-desktop.xml"
DTD = LINUX / "shared-mime-info.dtd"
MIME_TYPE = "application/x-fazhi-bundle"


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is needed (apt-get install desktop-file-utils libxml2-utils shared-mime-info)"
    return path


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validates():
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_file_invalid_is_caught(tmp_path):
    broken = tmp_path / "broken.desktop"
    broken.write_text(DESKTOP.read_text(encoding="utf-8").replace("Type=Application\n", ""),
                      encoding="utf-8")
    result = subprocess.run([_tool("desktop-file-validate"), str(broken)],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0


def test_desktop_entry_names_the_app_its_window_and_the_bundle_type():
    entry = _entry()
    assert entry["Name"] == "法治工作台账" and entry["Name[zh_CN]"] == "法治工作台账"
    assert entry["MimeType"].split(";")[0] == MIME_TYPE
    assert entry["Exec"] == "/opt/fazhi-desktop/fazhi-desktop %f"
    assert entry["Icon"] == "fazhi-desktop"
    # The window's WM_CLASS class is QApplication.applicationName() and the Wayland app id is
    # desktopFileName(): both must equal StartupWMClass / the desktop file's name.
    source = (ROOT / "fazhi_desktop" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{DESKTOP.stem}")' in source
    prefs = ast.parse((ROOT / "fazhi_desktop" / "ui" / "prefs.py").read_text(encoding="utf-8"))
    constants = {t.id: n.value.value for n in prefs.body if isinstance(n, ast.Assign)
                 for t in n.targets if isinstance(t, ast.Name) and isinstance(n.value, ast.Constant)}
    assert "setApplicationName(prefs.APPLICATION)" in source
    assert constants["APPLICATION"] == entry["StartupWMClass"] == DESKTOP.stem


def test_mime_file_is_valid_against_the_shared_mime_info_structure():
    result = subprocess.run([_tool("xmllint"), "--noout", "--dtdvalid", str(DTD), str(MIME)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_mime_dtd_rejects_a_glob_without_pattern(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(MIME.read_text(encoding="utf-8").replace('pattern="*.fzb"', ""),
                      encoding="utf-8")
    result = subprocess.run([_tool("xmllint"), "--noout", "--dtdvalid", str(DTD), str(broken)],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0


def test_update_mime_database_registers_fzb_by_name_and_by_content(tmp_path):
    """What postinst does on the user's PC, into a private folder."""
    from fazhi_desktop.sync.bundle import MAGIC

    (tmp_path / "packages").mkdir()
    shutil.copy(MIME, tmp_path / "packages")
    result = subprocess.run([_tool("update-mime-database"), str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    globs = (tmp_path / "globs2").read_text(encoding="utf-8")
    assert re.search(rf"^\d+:{re.escape(MIME_TYPE)}:\*\.fzb$", globs, re.MULTILINE)
    magic = (tmp_path / "magic").read_bytes()
    assert MIME_TYPE.encode() in magic and MAGIC in magic
    comment = (tmp_path / "application" / "x-fazhi-bundle.xml").read_text(encoding="utf-8")
    assert "法治工作台账同步包" in comment


@pytest.mark.parametrize("script", ["postinst", "postrm"])
def test_maintainer_scripts_are_posix_shell(script):
    path = LINUX / "debian" / script
    result = subprocess.run(["sh", "-n", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert path.stat().st_mode & 0o111
