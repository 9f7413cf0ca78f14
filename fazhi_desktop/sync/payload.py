"""What travels inside a bundle: the members of the payload and how they are (de)coded.

Members (all UTF-8):

- ``manifest.json`` — ``{"vv": sender's version vector, "baseline": the vector the export was
  filtered against, "kind": "full"|"incremental"}``
- ``records.jsonl`` — one record a line: bookkeeping, ``clocks`` (field → stamp), ``vv`` (the
  record's knowledge vector, when it says more than its clocks) and ``values`` (field → JSON).
  From format version 2 on, ``clocks`` of a record stamped in every field is packed as the
  store keeps it (``domain.hlc.pack_clock_dict``): ``"*"`` gives the stamp of every field not
  listed — a third of the bytes of a full bundle to decompress and parse (issue 4).
- ``audit.jsonl`` — audit entries of the records sent (uuid, record_id, action, at, operator,
  node_id, node_name, changes)
- ``conflicts.jsonl`` — conflicts (see ``sync.merge``), ``units.jsonl``, ``nodes.jsonl``
- ``attachments.jsonl`` and ``attachments/<sha256>`` — attachment rows and files (optional;
  see ``sync.attachments``)

Decoding checks the shape of every line and turns every record into typed values with the
same ``domain.convert``/``domain.validation`` code the editor uses; anything wrong refuses the
whole bundle with a message naming the record and field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.convert import coerce_value, jsonable
from fazhi_desktop.domain.hlc import DEFAULT_KEY, pack_clock_dict
from fazhi_desktop.domain.validation import validate_record
from fazhi_desktop.sync import attachments
from fazhi_desktop.sync.errors import BundleError

MEMBERS = ("manifest.json", "records.jsonl", "audit.jsonl", "conflicts.jsonl", "units.jsonl",
           "nodes.jsonl")
_UUID = re.compile(r"[0-9a-fA-F-]{8,36}")
_STAMP = re.compile(r"\d{13}\.\d{5}\.[0-9A-Za-z-]{1,60}")
RECORD_META = ("id", "register", "serial", "origin_node", "created_at", "created_by",
               "updated_at", "updated_by")
AUDIT_KEYS = ("uuid", "record_id", "action", "at", "operator", "node_id", "node_name", "changes")
_AUDIT_KEYSET = frozenset(AUDIT_KEYS)
AUDIT_ACTIONS = frozenset({"create", "update", "delete", "restore", "merge", "settle"})
# validate_record errors that concern one value on its own refuse a bundle; the others relate
# two fields and can legitimately come out of a field-by-field merge, so they only warn.
_VALUE_FIELDS = frozenset({"unit_code", "summary", "received_on", "status", "parties",
                           "hearings", "extension_days", "people_involved", "people_count"})


@dataclass
class Incoming:
    """A decoded payload, every value typed and checked."""

    vv: dict[str, str]
    baseline: dict[str, str]
    kind: str
    records: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    units: list[dict[str, Any]]
    nodes: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    blobs: dict[str, bytes] = field(default_factory=dict)  # sha256 → checked content


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def encode_record(record: dict[str, Any], vv: dict[str, str] | None, *,
                  packed: bool = True) -> str:
    """One ``records.jsonl`` line; ``packed`` clocks for format version 2 on, not for 1."""
    reg = R.REGISTERS[record["register"]]
    out: dict[str, Any] = {k: _iso(record[k]) for k in RECORD_META}
    clocks = json.loads(record["clocks"]) if isinstance(record["clocks"], str) \
        else record["clocks"]
    out["clocks"] = pack_clock_dict(clocks, R.STAMPED_FIELDS[reg.name]) if packed else clocks
    out["deleted"] = bool(record["deleted"])
    out["values"] = {f.name: jsonable(record.get(f.name)) for f in reg.fields}
    if vv:
        out["vv"] = vv
    return _dumps(out)


def encode_lines(items: Iterable[dict[str, Any]]) -> bytes:
    return "".join(_dumps({k: _iso(v) for k, v in item.items()}) + "\n"
                   for item in items).encode("utf-8")


def encode_manifest(vv: dict[str, str], baseline: dict[str, str], kind: str) -> bytes:
    return _dumps({"vv": vv, "baseline": baseline, "kind": kind}).encode("utf-8")


# --- decoding ----------------------------------------------------------------------------------

def _structure(message: str) -> BundleError:
    return BundleError(f"同步包内容结构不对：{message}，已拒绝导入。", "structure")


def _lines(members: dict[str, bytes], name: str) -> Iterator[tuple[int, Any]]:
    """The JSON value of each line of member ``name``.

    Lines end at ``\n`` only: JSON escapes it inside strings, whereas U+2028, U+0085 and the
    other characters ``str.splitlines`` also breaks at may stand unescaped in a text value.
    Splitting the bytes first also spares one copy of a large member.
    """
    for number, line in enumerate(members.get(name, b"").split(b"\n"), start=1):
        if not line:
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _structure(f"{name} 第{number}行不是 UTF-8 文本") from exc
        try:
            yield number, json.loads(text)
        except ValueError as exc:
            raise _structure(f"{name} 第{number}行不是有效的 JSON") from exc


def _vector(value: Any, what: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and _STAMP.fullmatch(v) and v[20:] == k
            for k, v in value.items()):
        raise _structure(f"{what}的版本向量格式不对")
    return dict(value)


def _text(value: Any, what: str, *, optional: bool = False, limit: int = 200) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise _structure(f"{what}应为不超过{limit}字的文字")
    return value


def _when(value: Any, what: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(_text(value, what, limit=40))
    except ValueError as exc:
        raise _structure(f"{what}不是有效的时间") from exc
    if moment.tzinfo is None:
        raise _structure(f"{what}缺少时区")
    return moment


class _Seen:
    """What one decode has already checked, so repeated values are checked once.

    Most stamps of a record are equal (every field stamped at creation), and creation times
    repeat across records written in one batch: checking each distinct value once keeps the
    per-record work to what actually differs (issue 4, import speed).
    """

    def __init__(self) -> None:
        self.stamps: set[str] = set()
        self.moments: dict[str, dt.datetime] = {}
        self.values: dict[int, dict[str, Any]] = {}  # id(field spec) → memo (see ``fields``)
        self.registers: dict[str, list[tuple[R.Field, None | list[Any], dict[str, Any]]]] = {}

    def fields(self, register: str) -> list[tuple[R.Field, None | list[Any], dict[str, Any]]]:
        """Per value field of ``register``: its spec, what null becomes, and a memo.

        The memo maps a JSON string to ``coerce_value(spec, string)``, so each distinct
        (field, text) pair is coerced once: codes, dates, names and amounts repeat across
        thousands of records, and the typed results (str, date, Decimal, bool) are immutable,
        so sharing them is safe. Only strings are remembered (a string never equals a number
        or ``true``, so no other JSON value can hit a remembered one); a failure never is.
        Memos are per field *spec*: "status" of each register has its own codes.
        """
        found = self.registers.get(register)
        if found is None:
            found = self.registers[register] = [
                (spec, empty, self.values.setdefault(id(spec), {}))
                for spec, empty in _DECODED[register]]
        return found

    def stamps_ok(self, values: Iterable[Any]) -> bool:
        try:
            if self.stamps.issuperset(values):  # the usual case, checked in C
                return True
        except TypeError:  # an unhashable value: certainly not a stamp
            return False
        for value in values:
            if type(value) is not str:
                return False
            if value not in self.stamps:
                if not _STAMP.fullmatch(value):
                    return False
                self.stamps.add(value)
        return True

    def when(self, value: Any, what: str) -> dt.datetime:
        if type(value) is str:
            found = self.moments.get(value)
            if found is not None:
                return found
        moment = _when(value, what)
        if len(self.moments) < 100_000:
            self.moments[value] = moment
        return moment


_MISSING = object()
_VALUE_CACHE = 20_000  # distinct values remembered per field (unique texts stop there)
# Per register: the keys a record's clocks may have, its value field names, and the fields
# decoded from ``values`` with what an absent (null) value becomes (as ``coerce_value``).
_CLOCK_KEYS = {name: frozenset(fields) for name, fields in R.STAMPED_FIELDS.items()}
# Format 2's packed clocks: the keys they may have, and the order a full map is rebuilt in
# (sorted, as a version-1 sender writes it, so both forms decode to equal dicts in one order).
_PACKED_KEYS = {name: keys | {DEFAULT_KEY} for name, keys in _CLOCK_KEYS.items()}
_SORTED_CLOCK_KEYS = {name: tuple(sorted(keys)) for name, keys in _CLOCK_KEYS.items()}
_VALUE_NAMES = {name: frozenset(f.name for f in reg.fields) for name, reg in R.REGISTERS.items()}
_DECODED = {
    name: tuple((f, [] if f.kind in (R.PARTIES, R.HEARINGS) else None)
                for f in reg.fields if f.name != "serial")
    for name, reg in R.REGISTERS.items()
}


def decode(members: dict[str, bytes], today: dt.date, *, version: int = 1,
           max_attachment_bytes: int | None = None) -> Incoming:
    """Check and type a payload of bundle format ``version``; ``max_attachment_bytes`` is this
    PC's attachment size limit."""
    unknown = {m for m in members if m not in MEMBERS and not attachments.is_member(m)}
    if "manifest.json" not in members or unknown:
        extra = f"（多出 {sorted(unknown)[0]}）" if unknown else "（缺少 manifest.json）"
        raise _structure("成员文件不对" + extra)
    try:
        manifest = json.loads(members["manifest.json"].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _structure("manifest.json 无效") from exc
    if not isinstance(manifest, dict) or manifest.get("kind") not in ("full", "incremental"):
        raise _structure("manifest.json 缺少必需字段")
    incoming = Incoming(
        vv=_vector(manifest.get("vv"), "发送方"),
        baseline=_vector(manifest.get("baseline"), "导出基准"),
        kind=manifest["kind"], records=[], audit=[], conflicts=[], units=[], nodes=[])
    problems: list[str] = []
    seen: set[str] = set()
    checked = _Seen()
    later = today + dt.timedelta(days=1)
    for number, raw in _lines(members, "records.jsonl"):
        record = _decode_record(raw, number, later, problems, incoming.warnings, checked,
                                version >= 2)
        if record is not None:
            if record["id"] in seen:
                raise _structure(f"记录 {record['id']} 出现了两次")
            seen.add(record["id"])
            incoming.records.append(record)
        if len(problems) >= 20:
            break
    if problems:
        shown = "\n".join(f"  - {p}" for p in problems[:20])
        raise BundleError(f"同步包中有不合格的记录，已拒绝导入（数据库未作任何修改）：\n{shown}",
                          "invalid_record")
    for number, raw in _lines(members, "audit.jsonl"):
        incoming.audit.append(_decode_audit(raw, number, checked))
    for number, raw in _lines(members, "conflicts.jsonl"):
        incoming.conflicts.append(_decode_conflict(raw, number))
    for number, raw in _lines(members, "units.jsonl"):
        if not isinstance(raw, dict):
            raise _structure(f"units.jsonl 第{number}行应为对象")
        incoming.units.append({
            "code": _text(raw.get("code"), "单位代码", limit=40),
            "name": _text(raw.get("name"), "单位名称", limit=120),
            "parent_code": _text(raw.get("parent_code"), "上级单位代码", optional=True, limit=40),
            "level": _text(raw.get("level"), "单位层级", limit=16),
            "created_at": _when(raw.get("created_at"), "单位创建时间"),
            "clock": _text(raw.get("clock"), "单位时钟", limit=80),
        })
    for number, raw in _lines(members, "nodes.jsonl"):
        if not isinstance(raw, dict):
            raise _structure(f"nodes.jsonl 第{number}行应为对象")
        incoming.nodes.append({
            "id": _text(raw.get("id"), "节点ID", limit=36),
            "name": _text(raw.get("name"), "节点名称", limit=120),
            "short_code": _text(raw.get("short_code"), "节点简码", limit=8),
            "created_at": _when(raw.get("created_at"), "节点创建时间"),
        })
    incoming.attachments, incoming.blobs = attachments.decode(
        _lines(members, attachments.ROWS_MEMBER), members, incoming.records,
        max_attachment_bytes)
    return incoming


def _decode_record(raw: Any, number: int, later: dt.date, problems: list[str],
                   warnings: list[str], checked: _Seen, packed: bool) -> dict[str, Any] | None:
    """One line of ``records.jsonl`` as a typed record, checked as the editor checks it.

    ``later`` is tomorrow: a colleague's clock may already be past midnight. ``packed``:
    clocks may be packed (format version 2 on); they come out as a full map either way.
    """
    if not isinstance(raw, dict) or raw.get("register") not in R.REGISTERS:
        raise _structure(f"records.jsonl 第{number}行不是有效的记录（台账类型不对）")
    reg = R.REGISTERS[raw["register"]]
    rid = _text(raw.get("id"), "记录ID", limit=36)
    if not _UUID.fullmatch(rid):
        raise _structure(f"记录ID“{rid[:40]}”格式不对")
    clocks = raw.get("clocks")
    if packed and isinstance(clocks, dict) and DEFAULT_KEY in clocks:
        if not _PACKED_KEYS[reg.name].issuperset(clocks) \
                or not checked.stamps_ok(clocks.values()):
            raise _structure(f"记录 {rid} 的字段时钟格式不对")
        common = clocks[DEFAULT_KEY]
        clocks = {k: clocks.get(k, common) for k in _SORTED_CLOCK_KEYS[reg.name]}
    elif not isinstance(clocks, dict) or not clocks \
            or not _CLOCK_KEYS[reg.name].issuperset(clocks) \
            or not checked.stamps_ok(clocks.values()):
        raise _structure(f"记录 {rid} 的字段时钟格式不对")
    values = raw.get("values")
    if not isinstance(values, dict) or not _VALUE_NAMES[reg.name].issuperset(values):
        raise _structure(f"记录 {rid} 的字段不对")
    serial = _text(raw.get("serial"), "编号", limit=40)
    record: dict[str, Any] = {
        "id": rid, "register": reg.name, "serial": serial,
        "origin_node": _text(raw.get("origin_node"), "来源节点", limit=36),
        "created_at": checked.when(raw.get("created_at"), "创建时间"),
        "created_by": _text(raw.get("created_by"), "创建人", limit=80),
        "updated_at": checked.when(raw.get("updated_at"), "修改时间"),
        "updated_by": _text(raw.get("updated_by"), "修改人", limit=80),
        "deleted": raw.get("deleted"),
        "clocks": clocks,
        "vv": _vector(raw["vv"], f"记录 {rid} ") if "vv" in raw else {},
    }
    if not isinstance(record["deleted"], bool):
        raise _structure(f"记录 {rid} 的删除标记格式不对")
    bad = False
    for spec, empty, known in checked.fields(reg.name):
        value = values.get(spec.name)
        if value is None:  # what coerce_value makes of null, without the call
            record[spec.name] = empty if empty is None else []
            continue
        try:
            if type(value) is str:  # see _Seen.fields
                typed = known.get(value, _MISSING)
                if typed is _MISSING:
                    typed = coerce_value(spec, value)
                    if len(known) < _VALUE_CACHE:
                        known[value] = typed
            else:
                typed = coerce_value(spec, value)
            record[spec.name] = typed
        except ValueError as exc:
            problems.append(f"记录 {serial}（{reg.zh}）的{spec.zh}：{exc}")
            bad = True
    if bad:
        return None
    for problem in validate_record(reg, record, later):
        if not problem.is_error:
            continue
        where = f"记录 {serial}（{reg.zh}）"
        if problem.field in _VALUE_FIELDS or "不能晚于今天" in problem.message:
            problems.append(f"{where}：{problem.message}")
            bad = True
        else:
            warnings.append(f"{where}：{problem.message}")
    return None if bad else record


def _decode_audit(raw: Any, number: int, checked: _Seen) -> dict[str, Any]:
    if not isinstance(raw, dict) or raw.keys() != _AUDIT_KEYSET \
            or raw.get("action") not in AUDIT_ACTIONS:
        raise _structure(f"audit.jsonl 第{number}行不是有效的审计记录")
    changes = _text(raw["changes"], "审计变更内容", limit=1_000_000)
    try:
        if not isinstance(json.loads(changes), dict):
            raise ValueError
    except ValueError as exc:
        raise _structure(f"audit.jsonl 第{number}行的变更内容无效") from exc
    return {
        "uuid": _text(raw["uuid"], "审计ID", limit=36),
        "record_id": _text(raw["record_id"], "记录ID", limit=36),
        "action": raw["action"],
        "at": checked.when(raw["at"], "审计时间"),
        "operator": _text(raw["operator"], "操作员", limit=80),
        "node_id": _text(raw["node_id"], "节点ID", limit=36),
        "node_name": _text(raw["node_name"], "节点名称", limit=120),
        "changes": changes,
    }


def _decode_conflict(raw: Any, number: int) -> dict[str, Any]:
    from fazhi_desktop.sync.tables import CONFLICT_COLUMNS

    if not isinstance(raw, dict) or set(raw) != set(CONFLICT_COLUMNS):
        raise _structure(f"conflicts.jsonl 第{number}行不是有效的冲突记录")
    if raw["register"] not in R.REGISTERS or not (
            R.REGISTERS[raw["register"]].has_field(raw["field"]) or raw["field"] == "deleted"):
        raise _structure(f"conflicts.jsonl 第{number}行的字段不对")
    for key in ("value_stamp", "created_stamp"):
        if not isinstance(raw[key], str) or not _STAMP.fullmatch(raw[key]):
            raise _structure(f"conflicts.jsonl 第{number}行的时钟格式不对")
    if raw["settled_stamp"] is not None and (
            not isinstance(raw["settled_stamp"], str) or not _STAMP.fullmatch(raw["settled_stamp"])
            or raw["settled_keep"] not in ("local", "incoming")):
        raise _structure(f"conflicts.jsonl 第{number}行的处理结果格式不对")
    for key in ("id", "record_id", "value", "value_by", "created_at"):
        _text(raw[key], "冲突记录", limit=1_000_000)
    return dict(raw)
