"""Encrypted case files: SQLCipher connections keyed from the reviewer's passphrase.

A protected case file (and every backup of it) is an SQLCipher 4 database. The key is
derived with SQLCipher 4's default key derivation (PBKDF2-HMAC-SHA512, 256,000
iterations, over the 16-byte salt at the start of the file), once per opening, and then
handed to every connection as a raw key: opening a case makes several connections
(checks, the real one, a worker's), and deriving the key for each would cost a quarter
of a second every time. The passphrase itself is never kept; the derived key is held by
the open case only and goes with it.

A file encrypted here opens in any SQLCipher 4 tool with the passphrase alone.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import sqlcipher3.dbapi2 as sqlcipher

from scrchron.errors import CaseFileError

KDF_ITERATIONS = 256_000
"""SQLCipher 4's default PBKDF2-HMAC-SHA512 iteration count."""

SALT_BYTES = 16
KEY_BYTES = 32
_SQLITE_MAGIC = b"SQLite format 3\x00"

#: Errors of either SQLite library: stdlib sqlite3 (plain cases) and SQLCipher (protected ones).
Error: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
OperationalError: tuple[type[Exception], ...] = (sqlite3.OperationalError, sqlcipher.OperationalError)
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError, sqlcipher.IntegrityError)
OS_OR_DATABASE: tuple[type[Exception], ...] = (OSError, sqlite3.Error, sqlcipher.Error)
PLAIN_DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
"""The bare DatabaseError classes (a subclass such as IntegrityError is a bug, not damage)."""


class PassphraseNeededError(CaseFileError):
    """The case file is protected with a passphrase and none was given."""


class WrongPassphraseError(CaseFileError):
    """The passphrase given does not open the case file."""


class NotProtectedError(CaseFileError):
    """A passphrase was given for a case file that is not protected."""


@dataclass(frozen=True)
class CaseKey:
    """The key of a protected case file: SQLCipher's derived key and the file's salt."""

    key: bytes = field(repr=False)
    salt: bytes = field(repr=False)

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> CaseKey:
        """The key SQLCipher 4 derives from ``passphrase`` for a file with ``salt``."""
        if not passphrase:
            raise CaseFileError("The passphrase is empty. Type the passphrase that protects the review.")
        secret = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
        return cls(secret, salt)

    @classmethod
    def new(cls, passphrase: str) -> CaseKey:
        """A key with a fresh random salt, for a newly protected file."""
        return cls.derive(passphrase, os.urandom(SALT_BYTES))

    @classmethod
    def for_file(cls, path: Path, passphrase: str) -> CaseKey:
        """The key for an existing protected file (its salt is its first 16 bytes)."""
        try:
            with path.open("rb") as handle:
                salt = handle.read(SALT_BYTES)
        except OSError as error:
            raise CaseFileError(f"{path.name} cannot be read: {error.strerror or error}.") from None
        if len(salt) < SALT_BYTES:
            raise CaseFileError(f"{path.name} is not a scrchron case file (it is too short).")
        return cls.derive(passphrase, salt)

    def literal(self) -> str:
        """The raw key as SQLCipher reads it: x'<key><salt>' in hex."""
        return f"\"x'{(self.key + self.salt).hex()}'\""


def connect(target: str | Path, key: CaseKey | None, uri: bool = False) -> sqlite3.Connection:
    """A connection to a case file: stdlib SQLite when ``key`` is None, else SQLCipher keyed.

    Temporary tables and sorts of a protected case stay in memory, never in a temp file.
    """
    if key is None:
        return sqlite3.connect(str(target), uri=uri)
    conn = sqlcipher.connect(str(target), uri=uri)
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher would print every bad page on stderr
    conn.execute(f"PRAGMA key = {key.literal()}")
    conn.execute("PRAGMA temp_store = MEMORY")
    return cast(sqlite3.Connection, conn)


def memory_connection(key: CaseKey | None) -> sqlite3.Connection:
    """An in-memory database a case keyed with ``key`` can be copied into (SQLite's backup API
    copies pages between databases of one library and one key only)."""
    return connect(":memory:", key)


def has_sqlite_header(path: Path) -> bool:
    """True when the file starts as a plain (unprotected) SQLite database does."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def looks_protected(path: Path) -> bool:
    """True when a file that is not plain SQLite looks like an SQLCipher database.

    An SQLCipher file is whole pages (of 512 bytes or a multiple) of random-looking bytes;
    a Word file, a text file or an empty one is not.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    if size < 1024 or size % 512 or head.startswith(_SQLITE_MAGIC) or head.startswith(b"PK"):
        return False
    return len(set(head)) > 32  # random bytes: nearly all distinct; text or zeros: few


def is_not_a_database(error: Exception) -> bool:
    """True for SQLite's answer to a wrong key (or an unreadable first page)."""
    return isinstance(error, DatabaseError) and "file is not a database" in str(error)
