"""Errors of sync, each carrying a Chinese message for the user and a stable ``kind``.

``kind`` lets the CLI, the GUI and the tests tell the failures apart without parsing text:
``not_bundle``, ``newer_version``, ``truncated``, ``too_large``, ``bad_header``, ``signature``,
``untrusted``, ``key_mismatch``, ``revoked``, ``passphrase``, ``structure``, ``unsafe_path``,
``invalid_record``, ``bad_attachment``, ``no_passphrase``, ``no_key``, ``cancelled``, ``io``.
"""

from __future__ import annotations

from fazhi_desktop.services.errors import FazhiError


class SyncError(FazhiError):
    """A sync failure; ``str(exc)`` is the Chinese message to show."""

    kind = "sync"

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind

    @property
    def message(self) -> str:
        return str(self)


class BundleError(SyncError):
    """A bundle file that must be refused (nothing of it reaches the database)."""

    kind = "bundle"


class UntrustedSender(BundleError):
    """A correctly signed bundle from a sender this PC does not (or no longer) trust."""

    kind = "untrusted"

    def __init__(self, message: str, *, node_id: str, name: str, fingerprint: str,
                 kind: str = "untrusted") -> None:
        super().__init__(message, kind)
        self.node_id = node_id
        self.name = name
        self.fingerprint = fingerprint


class Cancelled(SyncError):
    kind = "cancelled"

    def __init__(self) -> None:
        super().__init__("操作已取消，数据库未作任何修改。", "cancelled")
