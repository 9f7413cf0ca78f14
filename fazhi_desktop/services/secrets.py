"""The one module that touches ``keyring`` (SPEC §7): the node's signing key and the office
sync passphrase live in the operating system's keyring, never in the database or a file.

Entries are named per node — service ``fazhi-desktop``, user name ``<node_id>:<purpose>`` —
so several data folders on one PC never share or overwrite each other's secrets.

Backends are chosen the standard way (``PYTHON_KEYRING_BACKEND`` or ``keyring.set_keyring``,
which is how the tests install an in-memory backend). This module refuses backends that would
lose the secret (``fail``, ``null``) or keep it in a plain file (``keyrings.alt`` plaintext),
with a Chinese message saying what to install; it never falls back to a file of its own.
"""

from __future__ import annotations

import base64
import platform
from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.errors

from fazhi_desktop.services.errors import FazhiError

SERVICE = "fazhi-desktop"
PURPOSE_SIGNING_KEY = "signing-key"
PURPOSE_PASSPHRASE = "sync-passphrase"


class SecretsError(FazhiError):
    """A keyring problem, with a Chinese message for the user in ``str(exc)``."""


class KeyringUnavailable(SecretsError):
    """No usable (secure) keyring backend on this computer."""


def _install_hint() -> str:
    system = platform.system()
    if system == "Windows":
        return "Windows 自带“凭据管理器”，请确认当前用户可以使用它（不要以受限账户或服务身份运行）。"
    if system == "Darwin":
        return "macOS 使用“钥匙串访问”，请确认已登录图形界面会话。"
    return (
        "在 Linux（统信 UOS、银河麒麟等）上请安装并启动实现 Secret Service 的密钥环，"
        "例如 gnome-keyring（sudo apt install gnome-keyring）或 KWallet，"
        "并在图形桌面会话中运行本程序（需要 D-Bus 会话）。"
    )


def _unavailable(reason: str) -> KeyringUnavailable:
    return KeyringUnavailable(
        f"无法保存或读取同步密钥：{reason}。{_install_hint()}"
        "为安全起见，本程序不会把签名私钥或同步口令写入普通文件。"
    )


def _is_insecure(backend: keyring.backend.KeyringBackend) -> str | None:
    """Why ``backend`` must not hold our secrets, or None when it is fine."""
    cls = type(backend)
    module, name = cls.__module__, cls.__name__
    if module.startswith("keyring.backends.fail"):
        return "这台电脑上没有可用的系统密钥环（keyring）"
    if module.startswith("keyring.backends.null"):
        return "系统密钥环被设置为“null”（不保存任何内容）"
    if module.startswith("keyrings.alt") or "plaintext" in name.lower():
        return f"当前选用的密钥环“{module}.{name}”把密钥存放在普通文件中，不安全"
    # The chainer asks each of its backends in turn: any insecure one could receive a write.
    for inner in getattr(backend, "backends", ()) or ():
        why = _is_insecure(inner)
        if why:
            return why
    if module.startswith("keyring.backends.chainer") and not getattr(backend, "backends", None):
        return "这台电脑上没有可用的系统密钥环（keyring）"
    return None


def _backend() -> keyring.backend.KeyringBackend:
    backend = keyring.get_keyring()
    why = _is_insecure(backend)
    if why:
        raise _unavailable(why)
    return backend


@dataclass(frozen=True)
class BackendStatus:
    """What ``fazhi check`` and the settings page show about the keyring."""

    ok: bool
    backend: str
    message: str


def backend_status() -> BackendStatus:
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    why = _is_insecure(backend)
    if why:
        return BackendStatus(False, name, str(_unavailable(why)))
    return BackendStatus(True, name, f"系统密钥环可用（{name}）。")


def entry_name(node_id: str, purpose: str) -> str:
    """The keyring user name of one secret of one node."""
    if not node_id or ":" in node_id:
        raise ValueError(f"invalid node id {node_id!r}")
    return f"{node_id}:{purpose}"


def get_secret(node_id: str, purpose: str) -> str | None:
    backend = _backend()
    try:
        return backend.get_password(SERVICE, entry_name(node_id, purpose))
    except keyring.errors.NoKeyringError as exc:
        raise _unavailable("这台电脑上没有可用的系统密钥环（keyring）") from exc
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"读取系统密钥环失败（{exc}）。密钥环可能已锁定，请解锁后重试。") from exc


def set_secret(node_id: str, purpose: str, value: str) -> None:
    backend = _backend()
    try:
        backend.set_password(SERVICE, entry_name(node_id, purpose), value)
    except keyring.errors.NoKeyringError as exc:
        raise _unavailable("这台电脑上没有可用的系统密钥环（keyring）") from exc
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"写入系统密钥环失败（{exc}）。密钥环可能已锁定，请解锁后重试。") from exc


def delete_secret(node_id: str, purpose: str) -> None:
    backend = _backend()
    try:
        backend.delete_password(SERVICE, entry_name(node_id, purpose))
    except keyring.errors.PasswordDeleteError:
        pass  # nothing stored: already the wanted state
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"删除系统密钥环中的条目失败（{exc}）。") from exc


# --- the two secrets of a node ---------------------------------------------------------------

def get_passphrase(node_id: str) -> str | None:
    return get_secret(node_id, PURPOSE_PASSPHRASE)


def set_passphrase(node_id: str, passphrase: str) -> None:
    set_secret(node_id, PURPOSE_PASSPHRASE, passphrase)


def get_signing_key(node_id: str) -> bytes | None:
    """The raw 32-byte Ed25519 private key of ``node_id``, or None if none is stored."""
    text = get_secret(node_id, PURPOSE_SIGNING_KEY)
    if text is None:
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise SecretsError("系统密钥环中保存的签名私钥已损坏，无法读取。") from exc
    if len(raw) != 32:
        raise SecretsError("系统密钥环中保存的签名私钥已损坏（长度不对）。")
    return raw


def set_signing_key(node_id: str, raw: bytes) -> None:
    if len(raw) != 32:
        raise ValueError("an Ed25519 private key is 32 bytes")
    set_secret(node_id, PURPOSE_SIGNING_KEY, base64.b64encode(raw).decode("ascii"))
