"""Ed25519 signing keys of nodes and their human-comparable fingerprints.

A fingerprint is the first 128 bits of SHA-256 over the raw 32-byte public key, written as
eight groups of four upper-case hex digits (``3F2A-91BC-07DE-…``) so two people can read it
to each other over the phone before one of them trusts the other's bundles.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

_RAW = serialization.Encoding.Raw


def generate_private_key() -> bytes:
    """A new raw 32-byte Ed25519 private key."""
    return Ed25519PrivateKey.generate().private_bytes(
        _RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_key_of(private_raw: bytes) -> bytes:
    """The raw 32-byte public key belonging to ``private_raw``."""
    return Ed25519PrivateKey.from_private_bytes(private_raw).public_key().public_bytes(
        _RAW, serialization.PublicFormat.Raw
    )


def fingerprint(public_raw: bytes) -> str:
    digest = hashlib.sha256(public_raw).hexdigest()[:32].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 32, 4))


def encode_public_key(public_raw: bytes) -> str:
    return base64.b64encode(public_raw).decode("ascii")


def decode_public_key(text: str) -> bytes:
    """Raw bytes of a base64 public key; ValueError when it is not 32 bytes of base64."""
    raw = base64.b64decode(text, validate=True)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return raw


def sign(private_raw: bytes, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private_raw).sign(message)


def verify(public_raw: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
