"""The keyring wrapper: per-node entries, refusal of missing or plain-text backends."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from fazhi_desktop.services import secrets


def test_secrets_are_stored_per_node_and_purpose(memory_keyring):
    secrets.set_passphrase("node-a", "口令甲")
    secrets.set_passphrase("node-b", "口令乙")
    secrets.set_signing_key("node-a", b"\x01" * 32)
    assert secrets.get_passphrase("node-a") == "口令甲"
    assert secrets.get_passphrase("node-b") == "口令乙"
    assert secrets.get_signing_key("node-a") == b"\x01" * 32
    assert secrets.get_signing_key("node-b") is None
    assert set(memory_keyring.store) == {
        ("fazhi-desktop", "node-a:sync-passphrase"),
        ("fazhi-desktop", "node-b:sync-passphrase"),
        ("fazhi-desktop", "node-a:signing-key"),
    }
    secrets.delete_secret("node-a", secrets.PURPOSE_PASSPHRASE)
    secrets.delete_secret("node-a", secrets.PURPOSE_PASSPHRASE)  # deleting twice is fine
    assert secrets.get_passphrase("node-a") is None
    assert secrets.backend_status().ok


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring(),
                                     keyring.backends.null.Keyring()])
def test_no_usable_backend_gives_a_chinese_message_and_writes_nothing(backend, tmp_path,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(secrets.KeyringUnavailable) as info:
            secrets.set_passphrase("node-a", "secret")
        with pytest.raises(secrets.KeyringUnavailable):
            secrets.get_signing_key("node-a")
        status = secrets.backend_status()
    finally:
        keyring.set_keyring(previous)
    message = str(info.value)
    assert "密钥环" in message and ("gnome-keyring" in message or "凭据管理器" in message)
    assert "不会" in message  # says it will not fall back to a file
    assert not status.ok and "密钥环" in status.message
    assert list(tmp_path.iterdir()) == []


def test_plain_text_backend_is_refused(monkeypatch):
    class PlaintextKeyring(keyring.backend.KeyringBackend):
        priority = 1  # type: ignore[assignment]
        def get_password(self, service, username):  # pragma: no cover - never reached
            raise AssertionError("must not be used")
        def set_password(self, service, username, password):  # pragma: no cover
            raise AssertionError("must not be used")
        def delete_password(self, service, username):  # pragma: no cover
            raise AssertionError("must not be used")

    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        with pytest.raises(secrets.KeyringUnavailable) as info:
            secrets.set_passphrase("node-a", "secret")
    finally:
        keyring.set_keyring(previous)
    assert "普通文件" in str(info.value)


def test_corrupt_stored_key_is_reported(memory_keyring):
    secrets.set_secret("node-a", secrets.PURPOSE_SIGNING_KEY, "not base64!!")
    with pytest.raises(secrets.SecretsError, match="损坏"):
        secrets.get_signing_key("node-a")
