"""A signed checkpoint of the record log's head, kept outside the database.

The hash chain shows a record changed in place, but not a log cut short with its
head rewritten, nor a chain recomputed from the first changed record on: plain
SHA-256 needs no key. A checkpoint is the head (number and hash of the last
record, and the hash of the first, which names the log) signed with the office's
Ed25519 key; kept where the database's writers cannot change it (printed, mailed,
on write-once storage), it lets ``history --verify --checkpoint FILE`` say:
records were removed from the end, the chain was rewritten, or a record was
slipped in after the checkpoint but dated before it.

The private key signs only checkpoints; it is made once with
``screening history --new-key`` and kept by the office's records supervisor, not
on the officers' machines. Verification needs only the public key beside it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, func, select

from screening.errors import StoreError
from screening.store.chain import canonical
from screening.store.schema import records

FORMAT = "screening-checkpoint/1"
KEY_ENV = "SCREENING_CHECKPOINT_KEY"
KEY_NAME = "checkpoint-key.pem"


def default_key() -> Path:
    """$SCREENING_CHECKPOINT_KEY, else ~/.config/screening/checkpoint-key.pem."""
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "screening" / KEY_NAME


def public_path(key: Path) -> Path:
    """The public key beside a private key file: ``<name>.pub``."""
    return key.with_name(key.name + ".pub")


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "ed25519:" + hashlib.sha256(raw).hexdigest()[:16]


def new_key(path: Path) -> tuple[Path, str]:
    """Make a key pair: the private key at ``path`` (mode 0600), the public one beside it."""
    pub = public_path(path)
    if path.exists() or pub.exists():
        raise StoreError.single(f"a key already exists at {path}", file=str(path),
                                expected="another path (--key); a key is never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    pub.write_bytes(private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return pub, key_id(private.public_key())


def _read_key(path: Path, private: bool) -> Any:
    what = "private" if private else "public"
    try:
        data = path.read_bytes()
        key = (serialization.load_pem_private_key(data, password=None) if private
               else serialization.load_pem_public_key(data))
    except FileNotFoundError:
        raise StoreError.single(f"no {what} checkpoint key at {path}", file=str(path),
                                expected="a key made with `screening history --new-key`, or "
                                         "--key / --public-key FILE") from None
    except (OSError, ValueError, TypeError) as exc:
        raise StoreError.single(f"cannot read the {what} checkpoint key: {exc}",
                                file=str(path), expected="an Ed25519 PEM key") from None
    wanted = Ed25519PrivateKey if private else Ed25519PublicKey
    if not isinstance(key, wanted):
        raise StoreError.single(f"the {what} checkpoint key is not an Ed25519 key",
                                file=str(path), expected="a key made with --new-key")
    return key


def _head(conn: Connection) -> tuple[int, str, str]:
    """(last seq, its hash, hash of record 1) of the log; (0, '', '') when empty."""
    last = conn.execute(select(func.max(records.c.seq))).scalar() or 0
    if not last:
        return 0, "", ""
    head = conn.execute(select(records.c.hash).where(records.c.seq == last)).scalar_one()
    first = conn.execute(select(records.c.hash).where(records.c.seq == 1)).scalar()
    return int(last), str(head), str(first or "")


def _signed_part(data: dict[str, Any]) -> bytes:
    return canonical({k: v for k, v in data.items() if k != "signature"}).encode("utf-8")


def write_checkpoint(conn: Connection, key_path: Path, out: Path) -> dict[str, Any]:
    """Sign the log's head with the private key and write the checkpoint to ``out``."""
    private = _read_key(key_path, private=True)
    seq, head, first = _head(conn)
    data: dict[str, Any] = {
        "format": FORMAT, "seq": seq, "head": head, "first": first,
        "signed_at": datetime.now(UTC).isoformat(timespec="microseconds"),
        "key": key_id(private.public_key())}
    data["signature"] = base64.b64encode(private.sign(_signed_part(data))).decode("ascii")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


@dataclass
class CheckpointVerdict:
    """What the log says against one checkpoint."""

    seq: int = 0
    signed_at: str = ""
    problems: list[str] = field(default_factory=list)
    #: records written after the checkpoint: not yet covered by one
    later: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def load_checkpoint(path: Path, public_key: Path) -> dict[str, Any]:
    """The checkpoint at ``path``, its signature checked with the office's public key."""
    public = _read_key(public_key, private=False)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError.single("checkpoint file not found", file=str(path)) from None
    except (OSError, ValueError) as exc:
        raise StoreError.single(f"cannot read the checkpoint: {exc}", file=str(path),
                                expected="a file written by `screening history "
                                         "--checkpoint FILE`") from None
    fields = {"format": str, "seq": int, "head": str, "first": str, "signed_at": str,
              "key": str, "signature": str}
    if not isinstance(data, dict) or data.get("format") != FORMAT or any(
            not isinstance(data.get(k), t) for k, t in fields.items()):
        raise StoreError.single("not a screening checkpoint", file=str(path),
                                expected=f"JSON with {', '.join(fields)} ({FORMAT})")
    if data["key"] != key_id(public):
        raise StoreError.single(f"the checkpoint was signed with key {data['key']}, not with "
                                f"the office's key {key_id(public)}", file=str(path),
                                field="key", expected="the public key of the signing key")
    try:
        public.verify(base64.b64decode(data["signature"], validate=True), _signed_part(data))
    except (InvalidSignature, ValueError):
        raise StoreError.single("the checkpoint's signature does not verify: it was changed "
                                "after it was signed", file=str(path),
                                field="signature") from None
    return data


def verify_checkpoint(conn: Connection, data: dict[str, Any]) -> CheckpointVerdict:
    """Compare the log with a verified checkpoint: cut short, rewritten, or backdated."""
    verdict = CheckpointVerdict(data["seq"], data["signed_at"])
    seq, _, first = _head(conn)
    if data["seq"] == 0:
        verdict.later = seq
        return verdict
    if first != data["first"]:
        verdict.problems.append("record 1 is not the one checkpointed: this is another log, "
                                "or it was rewritten from its first record")
    if seq < data["seq"]:
        gone = (f"record {seq + 1} was" if seq + 1 == data["seq"]
                else f"records {seq + 1}–{data['seq']} were")
        verdict.problems.append(
            f"{gone} removed: the checkpoint of "
            f"{data['signed_at']} saw {data['seq']} records, the log now ends at {seq}")
        return verdict
    at = conn.execute(select(records.c.hash).where(records.c.seq == data["seq"])).scalar()
    if at != data["head"]:
        verdict.problems.append(f"record {data['seq']} is not the one checkpointed on "
                                f"{data['signed_at']}: the chain was rewritten up to it")
    verdict.later = seq - data["seq"]
    for row in conn.execute(select(records.c.seq, records.c.created_at)
                            .where(records.c.seq > data["seq"]).order_by(records.c.seq)):
        if row.created_at < data["signed_at"]:
            verdict.problems.append(
                f"record {row.seq} is dated {row.created_at}, before the checkpoint of "
                f"{data['signed_at']} that does not include it: it was slipped in later")
    return verdict
