"""The frozen build chooses the platform keyring by name (no entry-point discovery)."""

from __future__ import annotations

import keyring
import keyring.core
import pytest

from fazhi_desktop import platform_keyring


@pytest.fixture(autouse=True)
def restore_backend():
    previous = getattr(keyring.core, "_keyring_backend", None)
    yield
    keyring.core._keyring_backend = previous


def test_each_platform_gets_its_own_backend():
    assert platform_keyring.platform_backend_name("win32") == \
        "keyring.backends.Windows.WinVaultKeyring"
    assert platform_keyring.platform_backend_name("linux") == \
        "keyring.backends.SecretService.Keyring"
    assert platform_keyring.platform_backend_name("darwin") == "keyring.backends.macOS.Keyring"


def test_not_frozen_leaves_keyring_alone(monkeypatch):
    monkeypatch.delattr("sys.frozen", raising=False)
    sentinel = object()
    keyring.core._keyring_backend = sentinel
    assert platform_keyring.configure() is None
    assert keyring.core._keyring_backend is sentinel


def test_without_a_secret_service_the_fail_backend_is_chosen_and_explained(monkeypatch):
    """No D-Bus session (a server, a broken desktop): the ``fail`` backend, which
    services/secrets.py turns into a Chinese message saying what to install."""
    from fazhi_desktop.services import secrets

    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent")  # no keyringrc.cfg
    assert platform_keyring.configure() == "keyring.backends.fail.Keyring"
    status = secrets.backend_status()
    assert not status.ok
    assert "gnome-keyring" in status.message


def test_an_explicit_choice_wins(monkeypatch):
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    assert platform_keyring.configure() is None
    assert type(keyring.get_keyring()).__module__ == "keyring.backends.null"
