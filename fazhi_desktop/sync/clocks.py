"""Version vectors over hybrid-logical-clock stamps (``domain.hlc``).

A version vector maps a node id to a stamp of that node: "everything that node wrote up to
this stamp is known here". Stamps of one node sort as strings, so comparisons are string
comparisons and the empty string stands for "nothing known".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.hlc import DEFAULT_KEY

Vector = dict[str, str]
NODE_OFFSET = 20  # "<13 digits>.<5 digits>." — the node id follows (see the sync_0003 trigger)


def node_of(stamp: str) -> str:
    return stamp[NODE_OFFSET:]


def covers(vector: Mapping[str, str], stamp: str) -> bool:
    """True when ``vector`` knows the write stamped ``stamp``."""
    return vector.get(node_of(stamp), "") >= stamp


def join(*vectors: Mapping[str, str]) -> Vector:
    out: Vector = {}
    for vector in vectors:
        for node, stamp in vector.items():
            if stamp > out.get(node, ""):
                out[node] = stamp
    return out


def meet(vectors: Iterable[Mapping[str, str]]) -> Vector:
    """The pointwise minimum: what every one of ``vectors`` knows (missing = nothing)."""
    vectors = list(vectors)
    if not vectors:
        return {}
    nodes = set(vectors[0])
    for vector in vectors[1:]:
        nodes &= set(vector)
    return {n: min(v[n] for v in vectors) for n in nodes}


def of_clocks(clocks: Mapping[str, str]) -> Vector:
    """The newest stamp of each node among a record's field stamps."""
    out: Vector = {}
    for stamp in clocks.values():
        node = node_of(stamp)
        if stamp > out.get(node, ""):
            out[node] = stamp
    return out


def dominates(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    return all(a.get(node, "") >= stamp for node, stamp in b.items())


_FIELDS = {name: frozenset(fields) for name, fields in R.STAMPED_FIELDS.items()}


def stored_form(register: str, clocks: Mapping[str, str]) -> str:
    """The JSON the store keeps for a record's field clocks, built from the dict directly.

    The same value ``domain.hlc.pack_clocks`` makes of ``json.dumps(clocks)`` (the most common
    stamp once under ``"*"``, other fields listed; unpacked unless the clocks cover exactly the
    register's stamped fields), which ``store.recordsql.insert_records`` then keeps as it is —
    without the JSON round trip per record that a large import would otherwise pay. Safe
    without escaping: keys are field names and stamps match ``payload._STAMP`` (checked when
    decoded). ``tests/sync/test_bulk_import.py`` checks it against ``pack_clocks``.
    """
    if clocks.keys() != _FIELDS[register]:
        return "{" + ",".join([f'"{k}":"{v}"' for k, v in clocks.items()]) + "}"
    values = list(clocks.values())
    common = values[0]
    if values.count(common) != len(values):
        common = Counter(values).most_common(1)[0][0]
    return (f'{{"{DEFAULT_KEY}":"{common}"'
            + "".join([f',"{k}":"{v}"' for k, v in clocks.items() if v != common]) + "}")
