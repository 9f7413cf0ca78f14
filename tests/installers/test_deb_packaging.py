"""``installers/linux/build_deb.sh --frozen DIR``: the packaging half of the Linux build, run
on a stand-in frozen folder (two tiny scripts instead of the 190 MB PyInstaller output), so
it is quick enough for every test run. The full build (PyInstaller included) is the separate
command ``installers/linux/build_deb.sh``; see installers/README.md."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.installers._load import ROOT, load

SCRIPT = ROOT / "installers" / "linux" / "build_deb.sh"
debdeps = load("installers/linux/debdeps.py")
VERSION = load("installers/version.py").project_version()


def _fake_frozen(folder: Path, *, version: str = VERSION, selftest_status: int = 0) -> Path:
    folder.mkdir(parents=True)
    for name in ("fazhi-desktop", "fazhi"):
        exe = folder / name
        exe.write_text(f"""#!/bin/sh
case "$1" in
  --version) echo "{name} {version}" ;;
  --selftest) echo "自检 stand-in: QT_QPA_PLATFORM=$QT_QPA_PLATFORM"; exit {selftest_status} ;;
esac
""", encoding="utf-8")
        exe.chmod(0o755)
    (folder / "_internal").mkdir()
    (folder / "_internal" / "base_library.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    return folder


def _build(tmp_path: Path, frozen: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    return subprocess.run(["bash", str(SCRIPT), "--frozen", str(frozen), "--out",
                           str(tmp_path / "out"), "--work", str(tmp_path / "work")],
                          capture_output=True, text=True, env=env, check=False, timeout=300)


def _deb(tmp_path: Path) -> Path:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    return tmp_path / "out" / f"fazhi-desktop_{VERSION}_{arch}.deb"


def test_package_layout_control_and_checks(tmp_path):
    result = _build(tmp_path, _fake_frozen(tmp_path / "frozen"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    deb = _deb(tmp_path)
    assert deb.is_file()
    # the script itself unpacked the package and ran the installed program's self-test offscreen
    assert "自检 stand-in: QT_QPA_PLATFORM=offscreen" in result.stdout
    assert "desktop-file-validate: 通过 OK" in result.stdout
    assert "application/x-fazhi-bundle 通过 OK" in result.stdout

    info = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                          check=True).stdout
    assert f"Version: {VERSION}\n" in info
    assert "Package: fazhi-desktop\n" in info
    assert "Depends: libc6" in info
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    for path in ("./opt/fazhi-desktop/fazhi-desktop", "./opt/fazhi-desktop/fazhi",
                 "./usr/share/applications/fazhi-desktop.desktop",
                 "./usr/share/mime/packages/fazhi-desktop.xml",
                 "./usr/share/icons/hicolor/scalable/apps/fazhi-desktop.svg",
                 "./usr/share/icons/hicolor/scalable/mimetypes/application-x-fazhi-bundle.svg",
                 "./usr/share/doc/fazhi-desktop/copyright"):
        assert f" {path}\n" in listing, path
    assert "./usr/bin/fazhi -> /opt/fazhi-desktop/fazhi\n" in listing
    for line in listing.splitlines():
        assert " root/root " in line, line
    assert "-rwxr-xr-x root/root" in next(l for l in listing.splitlines()
                                          if l.endswith("/opt/fazhi-desktop/fazhi"))
    scripts = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert "postinst" in scripts and "postrm" in scripts


def test_a_failing_selftest_fails_the_build(tmp_path):
    result = _build(tmp_path, _fake_frozen(tmp_path / "frozen", selftest_status=1))
    assert result.returncode != 0


def test_a_version_other_than_pyproject_is_refused(tmp_path):
    result = _build(tmp_path, _fake_frozen(tmp_path / "frozen", version="9.9.9"))
    assert result.returncode != 0
    assert f"9.9.9，而 pyproject.toml 是 {VERSION}" in result.stderr
    assert not _deb(tmp_path).exists()


def test_depends_and_minimum_glibc_are_read_from_the_binaries(tmp_path):
    """A real ELF program in the folder: its libraries outside the folder become Depends."""
    ls = Path(shutil.which("ls") or "/bin/ls").resolve()
    frozen = tmp_path / "frozen"
    frozen.mkdir()
    shutil.copy(ls, frozen / "ls")
    glibc, packages, unresolved = debdeps.analyse(frozen)
    assert unresolved == []
    assert glibc is not None and tuple(map(int, glibc.split("."))) >= (2, 2)
    needed = debdeps.needed(frozen / "ls")
    if "libselinux.so.1" in needed:
        assert "libselinux1" in packages
    assert debdeps.depends(glibc, packages).startswith(f"libc6 (>= {glibc})")


def test_a_library_nobody_can_place_is_reported(tmp_path, monkeypatch):
    frozen = tmp_path / "frozen"
    frozen.mkdir()
    shutil.copy(Path(shutil.which("ls") or "/bin/ls").resolve(), frozen / "ls")
    monkeypatch.setattr(debdeps, "needed", lambda path: ["libnot-a-real-library.so.7"])
    _glibc, _packages, unresolved = debdeps.analyse(frozen)
    assert unresolved == ["libnot-a-real-library.so.7"]
    assert debdeps.main([str(frozen)]) == 1


@pytest.mark.parametrize("known", ["libwayland-client.so.0", "libGL.so.1", "libxcb.so.1"])
def test_libraries_pyinstaller_never_bundles_are_mapped_without_the_build_machine(known):
    assert debdeps.package_of(known, {}) == debdeps.KNOWN[known]
