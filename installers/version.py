"""Print the one version number of the project (``[project] version`` in pyproject.toml).

Every build script takes the version from here, so the installers' file names, the .deb
control file, the Inno Setup ``AppVersion`` and the frozen program (which reads the same number
from its bundled ``fazhi_desktop-<version>.dist-info``) always agree.

    python installers/version.py            # 0.1.0
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def project_version(pyproject: Path = PYPROJECT) -> str:
    with pyproject.open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


if __name__ == "__main__":
    sys.stdout.write(project_version() + "\n")
