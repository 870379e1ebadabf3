"""newsprism's exceptions, in one tree, with coded messages.

    NewsprismError                 every error the project raises on purpose
    ├── InputError                 one input could not be read; other inputs go on
    │   ├── EmptyInput             E101 nothing to read
    │   ├── BinaryInput            E102 bytes that are not text or HTML
    │   ├── InputTooLarge          E103 over the configured size cap
    │   ├── EncodingError          E104 bytes that decode to no sensible text
    │   ├── MalformedInput         E105 broken feed XML, WARC, JSONL, gzip, ...
    │   ├── UnsafeInput            E106 entity-expansion bombs, gzip bombs, nesting too deep
    │   └── FetchError             E107 a URL could not be fetched
    │       └── ForbiddenAddress   E108 the URL points at a private/loopback/link-local host
    ├── StoreError                 E201 the store cannot be opened, read or written
    │   ├── SchemaError            E202 the store's schema is newer than this program
    │   └── StoreLocked            E203 another process holds the store for writing
    ├── NotFound                   E301 no report, story or entity with that id or name
    ├── ConfigError                E401 a setting, alias file or sources file is wrong
    └── ModelError                 E501 the spaCy pipeline named cannot be loaded

Every message says what was wrong, with what, and what to do about it.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(NewsprismError):
    """One input could not be read. ``source`` names it."""

    code = "E100"

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class InputTooLarge(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class MalformedInput(InputError):
    code = "E105"


class UnsafeInput(InputError):
    code = "E106"


class FetchError(InputError):
    code = "E107"


class ForbiddenAddress(FetchError):
    code = "E108"


class StoreError(NewsprismError):
    code = "E201"


class SchemaError(StoreError):
    code = "E202"


class StoreLocked(StoreError):
    code = "E203"


class NotFound(NewsprismError):
    code = "E301"


class ConfigError(NewsprismError):
    code = "E401"


class ModelError(NewsprismError):
    code = "E501"


__all__ = [
    "BinaryInput",
    "ConfigError",
    "EmptyInput",
    "EncodingError",
    "FetchError",
    "ForbiddenAddress",
    "InputError",
    "InputTooLarge",
    "MalformedInput",
    "ModelError",
    "NewsprismError",
    "NotFound",
    "SchemaError",
    "StoreError",
    "StoreLocked",
    "UnsafeInput",
]
