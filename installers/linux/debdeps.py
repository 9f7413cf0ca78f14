"""Work out the ``Depends:`` of the .deb from the frozen folder itself.

    python3 installers/linux/debdeps.py FROZEN_DIR            # prints the Depends value
    python3 installers/linux/debdeps.py FROZEN_DIR --glibc    # prints the minimum glibc only

For every ELF file in the folder (``readelf`` from binutils):

- the glibc symbol versions it needs (``GLIBC_2.x`` in its version-needs section): the highest
  one is the real minimum glibc of the build (likewise ``GLIBCXX_3.4.N`` gives the minimum
  ``libstdc++6``, which is taken from the system) — it depends on the build machine (its Python and
  system libraries), not only on the PySide6 wheel (``manylinux_2_34`` for 6.10–6.12);
- the shared libraries it needs (DT_NEEDED) that are not in the folder: these come from the
  target system. Each is mapped to the Debian package that ships it on the build machine
  (``ldconfig -p`` + ``dpkg -S``), or by the table below for libraries the build machine may
  lack (PyInstaller never bundles the Wayland and GL libraries).

The result is sorted and stable, so two builds of the same tree give the same control file.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

GLIBC_SONAMES = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
                 "libutil.so.1", "libresolv.so.2", "libcrypt.so.1", "ld-linux-x86-64.so.2",
                 "ld-linux-aarch64.so.1", "libanl.so.1", "libnsl.so.1"}
# Libraries PyInstaller never bundles (its exclude list) or that are commonly absent on a
# minimal build machine, with their Debian package names (the same on UOS and Kylin).
KNOWN = {
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0", "libxcb.so.1": "libxcb1", "libdrm.so.2": "libdrm2",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1", "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1", "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libexpat.so.1": "libexpat1",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3", "libgssapi_krb5.so.2": "libgssapi-krb5-2",
}
_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")
_GLIBC = re.compile(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")
_GLIBCXX = re.compile(r"\bGLIBCXX_3\.4\.(\d+)\b")
# GLIBCXX_3.4.N → the GCC release whose libstdc++ first provides it (libstdc++6 version).
GLIBCXX_GCC = {21: 5, 22: 6, 23: 7, 24: 7, 25: 8, 26: 9, 27: 9, 28: 10, 29: 11, 30: 12,
               31: 13, 32: 13, 33: 14, 34: 15}


def elf_files(root: Path) -> list[Path]:
    out = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def _readelf(args: list[str], path: Path) -> str:
    return subprocess.run(["readelf", *args, str(path)], capture_output=True, text=True,
                          check=False).stdout


def needed(path: Path) -> list[str]:
    return _NEEDED.findall(_readelf(["-dW"], path))


def version_needs(path: Path) -> tuple[tuple[int, ...] | None, int | None]:
    """The highest GLIBC_x.y and GLIBCXX_3.4.N symbol versions ``path`` requires."""
    text = _readelf(["-VW"], path)
    needs = text.split("Version needs section", 1)[-1] if "Version needs section" in text else ""
    found = [tuple(int(p) for p in m.groups() if p is not None) for m in _GLIBC.finditer(needs)]
    cxx = [int(m.group(1)) for m in _GLIBCXX.finditer(needs)]
    return (max(found) if found else None), (max(cxx) if cxx else None)


def _ldconfig() -> dict[str, str]:
    try:
        out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True,
                             check=False).stdout
    except FileNotFoundError:
        return {}
    found: dict[str, str] = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if m and ("x86-64" in m.group(2) or "AArch64" in m.group(2)):
            found.setdefault(m.group(1), m.group(3))
    return found


def package_of(soname: str, located: dict[str, str]) -> str | None:
    if soname in KNOWN:
        return KNOWN[soname]
    path = located.get(soname)
    if not path:
        return None
    out = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        real = str(Path(path).resolve())
        out = subprocess.run(["dpkg", "-S", real], capture_output=True, text=True, check=False)
    if out.returncode != 0 or ":" not in out.stdout:
        return None
    return out.stdout.split(":", 1)[0].split(",")[0].strip()


def analyse(root: Path) -> tuple[str | None, list[str], list[str]]:
    """(minimum glibc "2.x" or None, sorted packages, unresolved sonames)."""
    files = elf_files(root)
    bundled = {p.name for p in files} | {p.name for p in root.rglob("*.so*")}
    floor: tuple[int, ...] | None = None
    cxx_floor = 0
    external: set[str] = set()
    for path in files:
        version, cxx = version_needs(path)
        if version and (floor is None or version > floor):
            floor = version
        if cxx and "libstdc++" not in path.name:
            cxx_floor = max(cxx_floor, cxx)
        external.update(n for n in needed(path) if n not in bundled)
    located = _ldconfig()
    packages: set[str] = set()
    unresolved: list[str] = []
    for soname in sorted(external - GLIBC_SONAMES):
        package = package_of(soname, located)
        if package == "libstdc++6" and cxx_floor in GLIBCXX_GCC:
            package = f"libstdc++6 (>= {GLIBCXX_GCC[cxx_floor]})"
        if package:
            packages.add(package)
        else:
            unresolved.append(soname)
    glibc = ".".join(str(p) for p in floor) if floor else None
    return glibc, sorted(packages - {"libc6"}), unresolved


def depends(glibc: str | None, packages: list[str]) -> str:
    first = f"libc6 (>= {glibc})" if glibc else "libc6"
    return ", ".join([first, *packages])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Depends: of the fazhi-desktop .deb")
    parser.add_argument("frozen", type=Path)
    parser.add_argument("--glibc", action="store_true", help="print the minimum glibc only")
    args = parser.parse_args(argv)
    glibc, packages, unresolved = analyse(args.frozen)
    if unresolved:
        print("无法确定以下系统库所属的软件包（请在构建机上安装后重试）："
              + " ".join(unresolved), file=sys.stderr)
        return 1
    print((glibc or "") if args.glibc else depends(glibc, packages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
