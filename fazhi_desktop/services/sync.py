"""Sync use cases (SPEC §7): set-up, export, inspect, import with preview, trust, conflicts.

The GUI and the CLI call the same methods. Long work takes ``progress(done, total)`` and
``cancelled() -> bool``; a cancelled import raises ``Cancelled`` inside the transaction, so
the database is left exactly as it was. Import is two steps so the GUI can show a preview:

    info = sync.check(path)                  # header, fingerprint, trusted? (no passphrase)
    prepared = sync.prepare(path, trust=…)   # verify, trust, decrypt, validate, plan
    prepared.preview                         # ImportPreview: counts per register, warnings
    result = sync.commit(prepared, progress=…, cancelled=…)   # backup, ONE transaction

``import_bundle(path, trust=…, dry_run=…)`` does all of it for the CLI.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fazhi_desktop import __version__
from fazhi_desktop.services import secrets
from fazhi_desktop.services.attachments import AttachmentService, store_blob
from fazhi_desktop.services.context import Context, _put
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.store.bulk import large_write
from fazhi_desktop.sync import bundle, keys, merge, payload, peers
from fazhi_desktop.sync import clocks as V
from fazhi_desktop.sync import conflicts as conflict_ops
from fazhi_desktop.sync.errors import BundleError, Cancelled, SyncError
from fazhi_desktop.sync.export import collect

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
PUBLIC_KEY_SETTING = "sync.public_key"
VV_SETTING = "sync.vv"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class SyncStatus:
    node_id: str
    node_name: str
    fingerprint: str | None
    passphrase_set: bool
    keyring: secrets.BackendStatus


@dataclass(frozen=True)
class BundleInfo:
    """What ``bundle inspect`` and the GUI's trust prompt show (no passphrase needed)."""

    path: Path
    header: dict[str, Any]
    sender_id: str
    sender_name: str
    fingerprint: str
    trust: str  # "trusted", "unknown", "revoked", "key_changed", "self"


@dataclass
class ImportPreview:
    sender_name: str
    fingerprint: str
    kind: str
    counts: dict[str, merge.RegisterCounts]
    conflicts_received: int
    audit_entries: int
    warnings: list[str]
    attachments: int = 0       # attachment rows new here or whose state changes
    attachment_files: int = 0  # files (distinct contents) stored here

    @property
    def totals(self) -> merge.RegisterCounts:
        out = merge.RegisterCounts()
        for c in self.counts.values():
            for name in out.__dict__:
                setattr(out, name, getattr(out, name) + getattr(c, name))
        return out


@dataclass
class PreparedImport:
    """A verified, decrypted and validated bundle; ``preview`` is set by ``prepare``."""

    info: BundleInfo
    sender: bundle.Sender
    incoming: payload.Incoming
    trust: bool
    preview: ImportPreview | None = None
    changes_anything: bool = True


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    applied: bool
    backup: Path | None = None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    counts: dict[str, Any] = field(default_factory=dict)
    size: int = 0
    warnings: list[str] = field(default_factory=list)


def backup_before(ctx: Context, note: str) -> Path:
    """The automatic backup before an import (SPEC §8), by the backup service."""
    from fazhi_desktop.services import backup

    return Path(backup.backup_before(ctx, "pre-import", note=note).path)


class SyncService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # --- identity -------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        who = self.ctx.require_identity()
        keyring_status = secrets.backend_status()
        public = self.ctx.get_setting(PUBLIC_KEY_SETTING)
        passphrase_set = False
        if keyring_status.ok:
            try:
                passphrase_set = secrets.get_passphrase(who.node_id) is not None
            except secrets.SecretsError:
                passphrase_set = False
        fp = keys.fingerprint(keys.decode_public_key(public)) if public else None
        return SyncStatus(who.node_id, who.node_name, fp, passphrase_set, keyring_status)

    def ensure_key(self) -> bytes:
        """This PC's signing key (created and stored in the keyring on first use)."""
        who = self.ctx.require_identity()
        private = secrets.get_signing_key(who.node_id)
        if private is None:
            private = keys.generate_private_key()
            secrets.set_signing_key(who.node_id, private)
        public = keys.encode_public_key(keys.public_key_of(private))
        if self.ctx.get_setting(PUBLIC_KEY_SETTING) != public:
            self.ctx.set_setting(PUBLIC_KEY_SETTING, public)
        return private

    def setup(self, passphrase: str) -> SyncStatus:
        passphrase = passphrase.strip("\r\n")
        if len(passphrase) < MIN_PASSPHRASE:
            raise FazhiError(f"同步口令至少需要 {MIN_PASSPHRASE} 个字符（全单位使用同一个口令）")
        who = self.ctx.require_identity()
        self.ensure_key()
        secrets.set_passphrase(who.node_id, passphrase)
        return self.status()

    def _passphrase(self) -> str:
        who = self.ctx.require_identity()
        value = secrets.get_passphrase(who.node_id)
        if not value:
            raise SyncError("本机还没有设置同步口令：请运行 fazhi sync setup --passphrase-file 文件，"
                            "或在“设置”中填写全单位共用的同步口令。", "no_passphrase")
        return value

    def _own_vv(self) -> dict[str, str]:
        who = self.ctx.require_identity()
        vv = dict(self.ctx.get_setting(VV_SETTING, {}) or {})
        vv[who.node_id] = self.ctx.require_clock().last
        return vv

    # --- export ---------------------------------------------------------------------------
    def export(self, out: Path | str, *, to: str | None = None, full: bool = False,
               progress: Progress | None = None, cancelled: Cancel | None = None,
               format_version: int = bundle.FORMAT_VERSION) -> ExportResult:
        """Write a bundle; ``format_version=1`` for colleagues whose program predates 2."""
        who = self.ctx.require_identity()
        private = self.ensure_key()
        passphrase = self._passphrase()
        with self.ctx.read() as s:
            conn = s.connection()
            if full:
                baseline = None
            elif to:
                peer = peers.get(conn, to) or next(
                    (p for p in peers.all_peers(conn) if to in (p.code, p.name)), None)
                if peer is None:
                    raise SyncError(f"不认识同事“{to}”：只能向已导入过其同步包的同事做增量导出，"
                                    "或使用 --full 导出全部。", "unknown_peer")
                baseline = peer.known_vv
            else:
                trusted = [p.known_vv for p in peers.all_peers(conn) if p.trusted]
                baseline = V.meet(trusted) if trusted else None
            own = self._own_vv()
            collected = collect(conn, baseline=baseline, own_vv=own,
                                data_dir=self.ctx.data_dir, progress=progress,
                                cancelled=cancelled, version=format_version)
        public = keys.public_key_of(private)
        kind = "full" if baseline is None else "incremental"
        header = {
            "app_version": __version__,
            "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "kind": kind,
            "to_node": to,
            "counts": collected.counts,
            "sender": {"node_id": who.node_id, "name": who.node_name, "code": who.node_code,
                       "fingerprint": keys.fingerprint(public),
                       "public_key": keys.encode_public_key(public)},
        }
        path = Path(out)
        bundle.write_bundle(path, header=header, members=collected.members,
                            passphrase=passphrase, private_key=private, version=format_version)
        return ExportResult(path, kind, collected.counts, path.stat().st_size,
                            collected.warnings)

    # --- import ---------------------------------------------------------------------------
    def check(self, path: Path | str) -> BundleInfo:
        """Verify framing and signature and say whether the sender is trusted."""
        return self._info(bundle.verify_bundle(path))

    def _info(self, verified: bundle.VerifiedBundle) -> BundleInfo:
        sender = verified.sender
        who = self.ctx.require_identity()
        with self.ctx.read() as s:
            peer = peers.get(s.connection(), sender.node_id)
            stored_key = peers.public_key(s.connection(), sender.node_id)
        if sender.node_id == who.node_id:
            trust = "self"
        elif peer is None:
            trust = "unknown"
        elif not peer.trusted:
            trust = "revoked"
        elif stored_key != keys.encode_public_key(sender.public_key):
            trust = "key_changed"
        else:
            trust = "trusted"
        return BundleInfo(verified.path, verified.header, sender.node_id, sender.name,
                          sender.fingerprint, trust)

    def _open(self, path: Path | str, trust: bool) -> PreparedImport:
        """Verify, check trust, decrypt and decode (validating every record); no planning."""
        who = self.ctx.require_identity()
        verified = bundle.verify_bundle(path)
        sender = verified.sender
        if sender.node_id == who.node_id:
            raise BundleError("这是本机自己导出的同步包，无需导入。", "self")
        with self.ctx.read() as s:
            newly = peers.check_trust(s.connection(), sender, trust=trust)
        passphrase = self._passphrase()
        members = bundle.open_bundle(verified, passphrase)
        incoming = payload.decode(members, self.ctx.today(), version=verified.version,
                                  max_attachment_bytes=AttachmentService(self.ctx).max_bytes())
        del members
        info = self._info(verified)
        own = self._own_vv()
        if not V.dominates(own, incoming.baseline):
            incoming.warnings.insert(0, (
                f"这是{sender.name}为其他同事准备的增量同步包，本机缺少其中部分较早的数据；"
                "导入后仍可能不完整，请让对方导出完整同步包（--full）或导出给本机（--to）。"))
        return PreparedImport(info, sender, incoming, newly)

    def prepare(self, path: Path | str, *, trust: bool = False,
                progress: Progress | None = None,
                cancelled: Cancel | None = None) -> PreparedImport:
        """Everything before writing: verify, trust, decrypt, validate, plan the merge."""
        with bulk_work():
            return self._prepare(path, trust, progress, cancelled)

    def _prepare(self, path: Path | str, trust: bool, progress: Progress | None,
                 cancelled: Cancel | None) -> PreparedImport:
        prepared = self._open(path, trust)
        who = self.ctx.require_identity()
        with self.ctx.read() as s:
            planned = merge.plan(s.connection(), prepared.incoming, who, self._conflict_stamp,
                                 progress, cancelled, data_dir=self.ctx.data_dir)
        prepared.preview = _preview(prepared, planned)
        prepared.changes_anything = planned.changes_anything
        return prepared

    def _conflict_stamp(self) -> str:
        return self.ctx.require_clock().now()

    def commit(self, prepared: PreparedImport, *, progress: Progress | None = None,
               cancelled: Cancel | None = None, backup: bool = True) -> ImportResult:
        """Apply the import in ONE transaction, after an automatic backup.

        The merge is planned again inside the transaction (the database may have changed
        since the preview). The backup is taken inside it too, after planning and before the
        first write: holding the write lock, nobody can change the database in between, so
        the backup is exactly the state the import applies to. An import that changes
        nothing takes no backup; it only remembers what the sender has seen.
        """
        who = self.ctx.require_identity()
        incoming = prepared.incoming
        clock = self.ctx.require_clock()
        backup_path = None
        with bulk_work(), self.ctx.write() as s:
            conn = s.connection()
            planned = merge.plan(conn, incoming, who, clock.now, None, cancelled,
                                 data_dir=self.ctx.data_dir)
            if planned.changes_anything:
                if backup:
                    backup_path = backup_before(
                        self.ctx, f"导入同步包 {prepared.info.path.name}（来自 "
                                  f"{prepared.sender.name}）")
                self._store_files(incoming, planned, cancelled)
                with large_write(conn, len(planned.new) + len(planned.updates)):
                    merge.apply(conn, planned, who, progress, cancelled)
            peers.remember(conn, prepared.sender, incoming.vv, newly_trusted=prepared.trust)
            own = _get_json(s, VV_SETTING)
            for node, stamp in incoming.vv.items():
                if node != who.node_id and incoming.baseline.get(node, "") <= own.get(node, "") \
                        and stamp > own.get(node, ""):
                    own[node] = stamp
            _put(s, VV_SETTING, own)
            if planned.max_stamp:
                clock.observe(planned.max_stamp)
        return ImportResult(_preview(prepared, planned), planned.changes_anything, backup_path)

    def _store_files(self, incoming: payload.Incoming, planned: merge.Plan,
                     cancelled: Cancel | None) -> None:
        """Store the bundle's new attachment files (checked when decoded) before the commit.

        Written before the transaction commits: if it rolls back, the files are merely
        unreferenced (content-addressed, so harmless and reused by a later import).
        """
        for sha in planned.attachments.files:
            if cancelled and cancelled():
                raise Cancelled()
            try:
                stored = store_blob(self.ctx, incoming.blobs[sha])
            except OSError as exc:
                raise SyncError(f"保存同步包中的附件文件失败：{exc.strerror or exc}。"
                                "数据库未作任何修改。", "io") from exc
            if stored != sha:  # cannot happen: decode checked the hash
                raise BundleError("附件文件校验失败，已拒绝导入。", "bad_attachment")

    def import_bundle(self, path: Path | str, *, trust: bool = False, dry_run: bool = False,
                      progress: Progress | None = None,
                      cancelled: Cancel | None = None) -> ImportResult:
        """The CLI's import: a preview (``dry_run``) or the import, planned once."""
        with bulk_work():
            if dry_run:
                prepared = self.prepare(path, trust=trust, progress=progress,
                                        cancelled=cancelled)
                assert prepared.preview is not None
                return ImportResult(prepared.preview, False)
            return self.commit(self._open(path, trust), progress=progress, cancelled=cancelled)

    # --- peers ----------------------------------------------------------------------------
    def peers(self) -> list[peers.Peer]:
        with self.ctx.read() as s:
            return peers.all_peers(s.connection())

    def revoke(self, node_id: str) -> None:
        with self.ctx.write() as s:
            if not peers.revoke(s.connection(), node_id):
                raise FazhiError(f"没有已信任的同事“{node_id}”")

    # --- conflicts ------------------------------------------------------------------------
    def conflicts(self, *, include_settled: bool = False) -> list[conflict_ops.ConflictView]:
        with self.ctx.read() as s:
            return conflict_ops.list_conflicts(s.connection(), include_settled=include_settled)

    def settle(self, conflict_id: str, keep: str) -> dict[str, Any]:
        who = self.ctx.require_identity()
        with self.ctx.write() as s:
            return conflict_ops.settle(s.connection(), conflict_id, keep, who,
                                       self.ctx.require_clock(), self.ctx.today())


@contextlib.contextmanager
def bulk_work() -> Iterator[None]:
    """Python's cycle collector paused while a bundle is decoded, planned and applied.

    An import builds millions of small objects (every record a dict of values, lists of
    parties) that all live until it ends; the collector would walk them again and again for
    nothing (measured: a fifth of a 200,000-record import). ``store.bulk.large_write`` does
    the same (and enlarges the page cache) around the writes; this also covers decoding,
    before the transaction. Re-entrant; restored afterwards.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _preview(prepared: PreparedImport, planned: merge.Plan) -> ImportPreview:
    return ImportPreview(prepared.sender.name, prepared.sender.fingerprint,
                         prepared.incoming.kind, planned.counts,
                         len(planned.conflicts_new) + len(planned.conflicts_settled),
                         len(planned.audit_new), planned.warnings,
                         len(planned.attachments.new) + len(planned.attachments.changed),
                         len(planned.attachments.files))


def _get_json(session: Any, key: str) -> dict[str, str]:
    from fazhi_desktop.store.models import Setting

    row = session.get(Setting, key)
    return dict(json.loads(row.value)) if row is not None else {}
