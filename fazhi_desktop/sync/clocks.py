"""Version vectors over hybrid-logical-clock stamps (``domain.hlc``).

A version vector maps a node id to a stamp of that node: "everything that node wrote up to
this stamp is known here". Stamps of one node sort as strings, so comparisons are string
comparisons and the empty string stands for "nothing known".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from fazhi_desktop.domain import registers as R
from fazhi_desktop.domain.hlc import pack_clock_map

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


def stored_form(register: str, clocks: Mapping[str, str]) -> str:
    """The JSON the store keeps for a record's field clocks (``domain.hlc.pack_clock_map``),
    built from the decoded dict directly, so ``store.recordsql.insert_records`` keeps it as it
    is — no JSON round trip per record in a large import."""
    return pack_clock_map(clocks, R.STAMPED_FIELDS[register])
