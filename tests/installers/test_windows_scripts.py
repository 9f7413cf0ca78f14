"""The Windows installer script and build script cannot be compiled or run on Linux; these
checks keep them consistent with the program they install (names, version, data folder,
file association) so a rename elsewhere cannot silently break the Windows build."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ISS = (ROOT / "installers" / "windows" / "fazhi-desktop.iss").read_text(encoding="utf-8")
PS1_BYTES = (ROOT / "installers" / "windows" / "build.ps1").read_bytes()
PS1 = PS1_BYTES.decode("ascii")
SPEC = (ROOT / "installers" / "pyinstaller" / "fazhi-desktop.spec").read_text(encoding="utf-8")


def _section(name: str) -> list[str]:
    match = re.search(rf"^\[{re.escape(name)}\]\n(.*?)(?=^\[|\Z)", ISS, re.DOTALL | re.MULTILINE)
    assert match, f"[{name}] missing"
    return [line for line in match.group(1).splitlines()
            if line.strip() and not line.lstrip().startswith(";")]


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _section("Setup"))


def _defines() -> dict[str, str]:
    return dict(re.findall(r'^\s*#define (\w+) "([^"]*)"', ISS, re.MULTILINE))


def _constants(path: Path) -> dict[str, object]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
            for t in n.targets if isinstance(t, ast.Name) and isinstance(n.value, ast.Constant)}


def test_setup_directives_the_issue_asks_for():
    setup = _setup()
    assert setup["OutputBaseFilename"] == "fazhi-desktop-setup-{#AppVersion}"
    assert setup["AppVersion"] == "{#AppVersion}"
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert setup["ChangesAssociations"] == "yes"
    assert setup["DefaultDirName"] == "{autopf}\\fazhi-desktop"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert "#error Pass the version" in ISS  # no silent default version


def test_languages_chinese_first_then_english():
    languages = _section("Languages")
    assert languages[0].startswith('Name: "chs"; MessagesFile: "{#ChineseIsl}"')
    assert languages[1] == 'Name: "en"; MessagesFile: "compiler:Default.isl"'
    assert _defines()["ChineseIsl"] == "compiler:Languages\\ChineseSimplified.isl"
    custom = _section("CustomMessages")
    for key in ("RemoveDataQuestion", "RemoveDataFailed", "BundleTypeName"):
        assert any(line.startswith(f"chs.{key}=") for line in custom)
        assert any(line.startswith(f"en.{key}=") for line in custom)


def test_file_association_opens_the_app_with_the_file():
    registry = _section("Registry")
    assert all(line.startswith("Root: HKA; Subkey: \"Software\\Classes\\") for line in registry)
    defines = _defines()
    assert defines["BundleExt"] == ".fzb"
    command = next(line for line in registry if "shell\\open\\command" in line)
    assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in command
    ext_default = next(line for line in registry if 'Subkey: "Software\\Classes\\{#BundleExt}";'
                       in line and 'ValueName: ""' in line)
    assert 'ValueData: "{#BundleProgId}"' in ext_default and "uninsdeletevalue" in ext_default
    content_type = next(line for line in registry if "Content Type" in line)
    linux_mime = (ROOT / "installers" / "linux" / "fazhi-desktop.xml").read_text(encoding="utf-8")
    mime = re.search(r'ValueData: "([^"]+)"', content_type).group(1)
    assert f'type="{mime}"' in linux_mime


def test_names_agree_with_the_program():
    defines = _defines()
    # the executable the shortcuts and the association start is the GUI executable of the spec
    assert defines["AppExe"] == "fazhi-desktop.exe"
    assert 'EXE(pyz, a.scripts, [], name="fazhi-desktop", console=False' in SPEC
    assert 'EXE(pyz, a.scripts, [], name="fazhi", console=True' in SPEC
    # the data folder the uninstaller offers to delete is the app's own data folder
    paths = _constants(ROOT / "fazhi_desktop" / "paths.py")
    assert defines["DataFolder"] == paths["APP_NAME"]
    assert "user_data_dir(APP_NAME, appauthor=False)" in (ROOT / "fazhi_desktop" / "paths.py").read_text(encoding="utf-8")
    assert "{localappdata}\\{#DataFolder}" in ISS
    prefs = _constants(ROOT / "fazhi_desktop" / "ui" / "prefs.py")
    assert defines["SettingsKey"] == f"Software\\{prefs['ORGANISATION']}"


def test_uninstaller_keeps_data_unless_asked():
    code = ISS.split("[Code]", 1)[1]
    assert "usPostUninstall" in code
    assert "UninstallSilent()" in code  # silent uninstall never deletes data
    assert "MB_YESNO or MB_DEFBUTTON2" in code  # "No" is the default answer
    assert code.index("MsgBox(FmtMessage(CustomMessage('RemoveDataQuestion')") < code.index("DelTree(")
    words = re.findall(r"\b(begin|end)\b", re.sub(r"\{[^}]*\}", "", code))
    assert words.count("begin") == words.count("end")


def test_build_script_passes_the_pyproject_version_and_runs_the_selftest():
    assert all(b < 128 for b in PS1_BYTES), "keep build.ps1 ASCII (PowerShell 5.1 reads it as ANSI)"
    assert 'installers\\version.py' in PS1
    assert '"/DAppVersion=$Version"' in PS1
    assert 'installers\\pyinstaller\\fazhi-desktop.spec' in PS1
    assert 'installers\\windows\\fazhi-desktop.iss' in PS1
    assert '"fazhi-desktop-setup-$Version.exe"' in PS1
    assert '@("--selftest")' in PS1 and '-ArgumentList "--selftest"' in PS1
    assert "Languages\\ChineseSimplified.isl" in PS1 and '"/DChineseIsl=' in PS1
    for relative in ("installers/version.py", "installers/make_icons.py",
                     "installers/pyinstaller/fazhi-desktop.spec",
                     "installers/windows/fazhi-desktop.iss"):
        assert (ROOT / relative).is_file()


def test_spec_is_python_and_bundles_what_the_frozen_app_needs():
    ast.parse(SPEC)
    assert 'copy_metadata("fazhi-desktop")' in SPEC
    assert '"fazhi_desktop/store/migrations"' in SPEC
    assert 'tree(ROOT / "resources", "resources", skip_suffixes=(".ts", ".tmp"))' in SPEC
    assert 'collect_submodules("keyring.backends")' in SPEC
