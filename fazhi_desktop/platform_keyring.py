"""Choose the operating system's keyring backend by name in a frozen (PyInstaller) build.

``keyring`` normally finds its backends through package entry points
(``importlib.metadata``); a frozen application may carry no such metadata, and then keyring
silently ends up with its ``fail`` backend. The frozen launcher therefore calls
:func:`configure` before anything touches a secret:

- Windows: the Credential Manager backend (``keyring.backends.Windows.WinVaultKeyring``);
- Linux (UOS, Kylin, …): the freedesktop Secret Service over D-Bus
  (``keyring.backends.SecretService.Keyring``: gnome-keyring, KWallet ≥ 5.97, …);
- macOS: the Keychain backend.

When the platform backend is not usable here (no D-Bus session, no Secret Service daemon), the
``fail`` backend is installed on purpose: :mod:`fazhi_desktop.services.secrets` recognises it
and tells the user in Chinese what to install. A plain-file backend is never chosen.

An explicit choice always wins: ``PYTHON_KEYRING_BACKEND`` or a ``keyringrc.cfg`` written by
an administrator (the standard keyring mechanisms). Outside a frozen build :func:`configure`
does nothing unless ``force=True``, so development and tests keep keyring's own discovery.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)


def is_frozen() -> bool:
    """True inside a PyInstaller build."""
    return bool(getattr(sys, "frozen", False))


def platform_backend_name(platform: str | None = None) -> str:
    """``module.Class`` of the keyring backend of ``platform`` (default: this one)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "keyring.backends.Windows.WinVaultKeyring"
    if platform == "darwin":
        return "keyring.backends.macOS.Keyring"
    return "keyring.backends.SecretService.Keyring"


def _load(name: str) -> type:
    import importlib

    module, _, cls = name.rpartition(".")
    return getattr(importlib.import_module(module), cls)  # type: ignore[no-any-return]


def platform_backend(platform: str | None = None) -> object:
    """An instance of this platform's keyring backend, or keyring's ``fail`` backend (with a
    log line saying why) when it cannot work on this computer."""
    from keyring.backends import fail

    name = platform_backend_name(platform)
    try:
        cls = _load(name)
        cls.priority  # noqa: B018 - raises when the backend cannot work here
        return cls()
    except Exception as exc:  # noqa: BLE001 - any reason means "not usable"
        log.info("keyring backend %s unavailable: %s", name, exc)
        return fail.Keyring()


def configure(*, force: bool = False) -> str | None:
    """Install the platform backend (frozen builds only, unless ``force``).

    Returns the ``module.Class`` name of the backend installed, or None when nothing was
    changed (not frozen, or an explicit choice by environment variable or config file).
    """
    if not (force or is_frozen()):
        return None
    import keyring
    import keyring.core

    explicit = keyring.core.load_env() or keyring.core.load_config()
    if explicit is not None:
        keyring.set_keyring(explicit)
        return None
    backend = platform_backend()
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    return f"{type(backend).__module__}.{type(backend).__name__}"
