#!/usr/bin/env bash
# Build the Linux package of fazhi-desktop (法治工作台账) and check it, on a Debian-based machine.
#
#   installers/linux/build_deb.sh                  everything: venv → PyInstaller → self-test
#                                                  → .deb → inspect, unpack, self-test, validate
#   installers/linux/build_deb.sh --frozen DIR     package an existing frozen folder (no venv,
#                                                  no PyInstaller; used by tests/installers)
# Options:
#   --out DIR      where the .deb goes (default: dist/)
#   --venv DIR     build environment (default: build/installer-venv; "--venv .venv" reuses
#                  the development venv, which then gains pyinstaller)
#   --work DIR     scratch folder (default: build/deb)
# Environment: FAZHI_DEB_MAINTAINER ("Name <mail>") for the control file.
#
# Needs: python3 ≥ 3.11 with venv, pip access to PyPI (only for the build venv), dpkg-deb,
# binutils (readelf), desktop-file-utils, libxml2-utils, shared-mime-info — Debian packages are
# installed with apt-get when missing and this runs as root (or with sudo).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/installers/linux"
OUT="$ROOT/dist"
VENV="$ROOT/build/installer-venv"
WORK="$ROOT/build/deb"
FROZEN=""
while [ $# -gt 0 ]; do
  case "$1" in
    --frozen) FROZEN=$(cd "$2" && pwd); shift 2 ;;
    --out) mkdir -p "$2"; OUT=$(cd "$2" && pwd); shift 2 ;;
    --venv) VENV=$(realpath -m "$2"); shift 2 ;;
    --work) WORK=$(realpath -m "$2"); shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "未知参数：$1（见 --help）" >&2; exit 2 ;;
  esac
done

START=$SECONDS
step() { echo; echo "==> $*（已用 $((SECONDS - START)) 秒）"; }
die() { echo "错误：$*" >&2; exit 1; }

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || die "需要 Python 3.11 或更新版本（当前：$("$PY" --version 2>&1)）"
VERSION=$("$PY" "$ROOT/installers/version.py")
ARCH=$(dpkg --print-architecture)
DEB="$OUT/fazhi-desktop_${VERSION}_${ARCH}.deb"
MAINTAINER=${FAZHI_DEB_MAINTAINER:-"fazhi-desktop maintainers <fazhi-desktop@localhost>"}

# --- 0. tools ----------------------------------------------------------------------------
need_debs() {
  local missing=() tool pkg
  for pair in dpkg-deb:dpkg readelf:binutils desktop-file-validate:desktop-file-utils \
              xmllint:libxml2-utils update-mime-database:shared-mime-info; do
    tool=${pair%%:*}; pkg=${pair#*:}
    command -v "$tool" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "缺少软件包：${missing[*]}（请用 apt-get install 安装）"
    sudo=sudo
  fi
  echo "安装构建所需软件包：${missing[*]}"
  $sudo apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}
step "[0/5] 检查构建工具 / build tools"
need_debs
echo "版本 version $VERSION，架构 arch $ARCH"

# --- 1–2. build environment and the frozen folder ------------------------------------------
if [ -z "$FROZEN" ]; then
  step "[1/5] 构建环境 / build venv: $VENV"
  if [ ! -x "$VENV/bin/python" ]; then "$PY" -m venv "$VENV"; fi
  stamp="$VENV/.fazhi-installer"
  want=$(cat "$ROOT/pyproject.toml" "$0" | sha256sum | cut -c1-64)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    mkdir -p "$WORK"
    { "$VENV/bin/python" -m pip install -q --upgrade pip &&
      "$VENV/bin/python" -m pip install -q "pyinstaller>=6.10" pyinstaller-hooks-contrib "$ROOT"
    } >"$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log" >&2; die "pip install 失败"; }
    echo "$want" > "$stamp"
  fi
  "$VENV/bin/pyinstaller" --version | sed 's/^/PyInstaller /'

  step "[2/5] PyInstaller --onedir"
  mkdir -p "$WORK"
  if [ -f "$ROOT/tools/build_translations.py" ]; then
    (cd "$ROOT" && "$VENV/bin/python" tools/build_translations.py)
  fi
  rm -rf "$WORK/icons"
  "$VENV/bin/python" "$ROOT/installers/make_icons.py" "$WORK/icons"
  FAZHI_ICON_DIR="$WORK/icons" "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/pyinstaller" \
    "$ROOT/installers/pyinstaller/fazhi-desktop.spec"
  FROZEN="$WORK/dist/fazhi-desktop"
  ICONS="$WORK/icons"

  step "[2/5] 打包版自检 / self-test of the frozen folder"
  QT_QPA_PLATFORM=offscreen "$FROZEN/fazhi-desktop" --selftest
else
  step "[1–2/5] 使用已有的打包目录 / existing frozen folder: $FROZEN"
  ICONS="$WORK/icons"
  if [ ! -d "$ICONS/hicolor" ]; then
    mkdir -p "$ICONS/hicolor/scalable/apps" "$ICONS/hicolor/scalable/mimetypes"
    cp "$ROOT/resources/icons/fazhi.svg" "$ICONS/hicolor/scalable/apps/fazhi-desktop.svg"
    cp "$ROOT/resources/icons/fazhi.svg" \
       "$ICONS/hicolor/scalable/mimetypes/application-x-fazhi-bundle.svg"
  fi
fi
for exe in fazhi-desktop fazhi; do
  [ -x "$FROZEN/$exe" ] || die "打包目录中没有可执行文件 $FROZEN/$exe"
  got=$("$FROZEN/$exe" --version 2>&1 | awk '{print $NF}')
  [ "$got" = "$VERSION" ] || die "$exe --version 显示 $got，而 pyproject.toml 是 $VERSION"
done

# --- 3. the package tree -------------------------------------------------------------------
step "[3/5] 组装 .deb / assemble the package"
STAGE="$WORK/root"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/icons" \
         "$STAGE/usr/share/doc/fazhi-desktop"
cp -a "$FROZEN" "$STAGE/opt/fazhi-desktop"
ln -s /opt/fazhi-desktop/fazhi-desktop "$STAGE/usr/bin/fazhi-desktop"
ln -s /opt/fazhi-desktop/fazhi "$STAGE/usr/bin/fazhi"
install -m 0644 "$HERE/fazhi-desktop.desktop" "$STAGE/usr/share/applications/"
install -m 0644 "$HERE/fazhi-desktop.xml" "$STAGE/usr/share/mime/packages/"
cp -r "$ICONS/hicolor" "$STAGE/usr/share/icons/"
install -m 0644 "$HERE/debian/copyright" "$STAGE/usr/share/doc/fazhi-desktop/"
# Permissions as Debian expects: dirs 755, files 644, programs 755 (owner root via
# --root-owner-group below).
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE" -type f -exec chmod 0644 {} +
chmod 0755 "$STAGE/opt/fazhi-desktop/fazhi-desktop" "$STAGE/opt/fazhi-desktop/fazhi"
install -m 0755 "$HERE/debian/postinst" "$HERE/debian/postrm" "$STAGE/DEBIAN/"

DEPENDS=$("$PY" "$HERE/debdeps.py" "$STAGE/opt/fazhi-desktop") || die "无法确定软件包依赖"
GLIBC=$("$PY" "$HERE/debdeps.py" "$STAGE/opt/fazhi-desktop" --glibc)
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s|@VERSION@|$VERSION|" -e "s|@ARCH@|$ARCH|" -e "s|@MAINTAINER@|$MAINTAINER|" \
    -e "s|@SIZE@|$SIZE|" -e "s|@DEPENDS@|$DEPENDS|" "$HERE/debian/control.in" \
    > "$STAGE/DEBIAN/control"
chmod 0644 "$STAGE/DEBIAN/control"
mkdir -p "$OUT"
rm -f "$DEB"
dpkg-deb --build --root-owner-group -Zxz -z3 "$STAGE" "$DEB" >/dev/null
echo "已生成 built: $DEB"

# --- 4. inspect -----------------------------------------------------------------------------
step "[4/5] 检查 .deb / inspect: dpkg-deb -I, dpkg-deb -c"
dpkg-deb -I "$DEB"
LISTING=$(dpkg-deb -c "$DEB")
echo "$LISTING" | grep -v '/_internal/' | sed 's/^/  /'
echo "  …（共 $(echo "$LISTING" | wc -l) 项 entries）"
for path in ./opt/fazhi-desktop/fazhi-desktop ./opt/fazhi-desktop/fazhi \
            ./usr/share/applications/fazhi-desktop.desktop \
            ./usr/share/mime/packages/fazhi-desktop.xml \
            ./usr/share/icons/hicolor/scalable/apps/fazhi-desktop.svg; do
  echo "$LISTING" | grep -q " $path\$" || die ".deb 中缺少 $path"
done
echo "$LISTING" | grep -q " ./usr/bin/fazhi-desktop -> /opt/fazhi-desktop/fazhi-desktop$" \
  || die ".deb 中缺少 /usr/bin/fazhi-desktop 链接"
bad=$(echo "$LISTING" | grep -Ev '^(-rw-r--r--|-rwxr-xr-x|drwxr-xr-x|lrwxrwxrwx) root/root ' || true)
[ -z "$bad" ] || die ".deb 中有权限或属主不符合要求的文件：$bad"

# --- 5. unpack, run, validate -------------------------------------------------------------------
step "[5/5] 解包运行自检并校验 / unpack, self-test, validate"
CHECK=$(mktemp -d "${TMPDIR:-/tmp}/fazhi-deb-check.XXXXXX")
trap 'rm -rf "$CHECK"' EXIT
dpkg -x "$DEB" "$CHECK/root"
QT_QPA_PLATFORM=offscreen "$CHECK/root/opt/fazhi-desktop/fazhi-desktop" --selftest
desktop-file-validate "$CHECK/root/usr/share/applications/fazhi-desktop.desktop"
echo "desktop-file-validate: 通过 OK"
xmllint --noout --dtdvalid "$HERE/shared-mime-info.dtd" \
  "$CHECK/root/usr/share/mime/packages/fazhi-desktop.xml"
echo "xmllint (shared-mime-info DTD): 通过 OK"
mkdir -p "$CHECK/mime/packages"
cp "$CHECK/root/usr/share/mime/packages/fazhi-desktop.xml" "$CHECK/mime/packages/"
update-mime-database "$CHECK/mime"
grep -q '^[0-9]*:application/x-fazhi-bundle:\*\.fzb$' "$CHECK/mime/globs2" \
  || die "update-mime-database 没有登记 *.fzb"
echo "update-mime-database: *.fzb → application/x-fazhi-bundle 通过 OK"

INSTALLED=$(du -sh "$CHECK/root/opt/fazhi-desktop" | cut -f1)
DEBSIZE=$(du -h "$DEB" | cut -f1)
echo
echo "完成 done（$((SECONDS - START)) 秒 s）: $DEB"
echo "  .deb 大小 size: $DEBSIZE；安装后 installed /opt/fazhi-desktop: $INSTALLED"
echo "  最低 glibc minimum: ${GLIBC:-未知 unknown}；Depends: $DEPENDS"
