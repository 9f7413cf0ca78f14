"""Hybrid logical clock stamps (Kulkarni et al.), as sortable strings.

A stamp is ``"<wall ms, 13 digits>.<counter, 5 digits>.<node id>"``: comparing two stamps as
plain strings orders them by wall time, then counter, then node id — exactly the merge rule
of SPEC §7 (newest wins, ties broken by node id). Every changed field of a record carries the
stamp of its last change, so sync can merge field by field.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

_WALL_DIGITS = 13
_COUNTER_DIGITS = 5
_MAX_COUNTER = 10**_COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}.{self.counter:0{_COUNTER_DIGITS}d}.{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        try:
            wall, counter, node = text.split(".", 2)
            if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not node:
                raise ValueError(text)
            return cls(int(wall), int(counter), node)
        except ValueError:
            raise ValueError(f"无效的时钟戳：{text!r}") from None


class Clock:
    """Issues strictly increasing stamps for one node, never behind any stamp it has seen."""

    def __init__(self, node: str, last: str | None = None,
                 wall: Callable[[], int] | None = None) -> None:
        self.node = node
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        parsed = Stamp.parse(last) if last else None
        self._last_wall = parsed.wall_ms if parsed else 0
        self._last_counter = parsed.counter if parsed else 0

    def now(self) -> str:
        wall = self._wall()
        if wall > self._last_wall:
            self._last_wall, self._last_counter = wall, 0
        else:
            self._bump()
        return str(Stamp(self._last_wall, self._last_counter, self.node))

    def observe(self, stamp: str) -> None:
        """Move this clock past a stamp received from another node."""
        seen = Stamp.parse(stamp)
        if (seen.wall_ms, seen.counter) > (self._last_wall, self._last_counter):
            self._last_wall, self._last_counter = seen.wall_ms, seen.counter

    @property
    def last(self) -> str:
        return str(Stamp(self._last_wall, self._last_counter, self.node))

    def _bump(self) -> None:
        if self._last_counter >= _MAX_COUNTER:
            self._last_wall += 1
            self._last_counter = 0
        else:
            self._last_counter += 1


# --- storing a record's field clocks ----------------------------------------------------
# In memory (and in bundles) a record's clocks are a full JSON object {field: stamp}. Most
# fields share the stamp of the record's creation, so the database stores the most common
# stamp once under "*" and only the fields that differ from it: ~70 bytes instead of ~2 KB.
DEFAULT_KEY = "*"


def pack_clocks(clocks_json: str, fields: Sequence[str]) -> str:
    """The stored form of ``clocks_json``; unchanged unless it covers exactly ``fields``."""
    if f'"{DEFAULT_KEY}"' in clocks_json:
        return clocks_json  # packed already
    clocks = json.loads(clocks_json)
    if not clocks or clocks.keys() != set(fields):
        return clocks_json
    return pack_clock_map(clocks, fields)


def pack_clock_map(clocks: Mapping[str, str], fields: Sequence[str]) -> str:
    """The stored form of a ``{field: stamp}`` mapping, built without a JSON round trip.

    Safe without escaping: keys are field names and stamps are digits, dots and a node id
    (importers check stamps against ``Stamp.parse`` before they get here).
    """
    if not clocks or clocks.keys() != set(fields):
        return "{" + ",".join([f'"{k}":"{v}"' for k, v in clocks.items()]) + "}"
    common = _most_common(clocks)
    return (f'{{"{DEFAULT_KEY}":"{common}"'
            + "".join([f',"{k}":"{v}"' for k, v in clocks.items() if v != common]) + "}")


def pack_clock_dict(clocks: Mapping[str, str], fields: Sequence[str]) -> dict[str, str]:
    """The stored form of ``clocks`` as a mapping (``json.loads(pack_clock_map(...))``)."""
    if not clocks or clocks.keys() != set(fields):
        return dict(clocks)
    common = _most_common(clocks)
    return {DEFAULT_KEY: common, **{k: v for k, v in clocks.items() if v != common}}


def _most_common(clocks: Mapping[str, str]) -> str:
    values = list(clocks.values())
    common = values[0]
    if values.count(common) != len(values):
        common = Counter(values).most_common(1)[0][0]
    return common


def unpack_clocks(stored: str, fields: Sequence[str]) -> str:
    """The full ``{field: stamp}`` JSON of a stored value (the inverse of ``pack_clocks``)."""
    if f'"{DEFAULT_KEY}"' not in stored:
        return stored
    packed = json.loads(stored)
    common = packed.pop(DEFAULT_KEY)
    return json.dumps({k: packed.get(k, common) for k in fields}, separators=(",", ":"))
