"""The claimledger exception tree.  Every message carries a code and names the input.

::

    ClaimledgerError                 base: .code, .input (path, path:line, URL or doc_id)
    ├── InputError                   something a user fed us is unusable
    │   ├── InputNotFound            [CL001] missing path
    │   ├── EmptyInput               [CL002] empty or whitespace-only
    │   ├── BinaryInput              [CL003] not text (NUL bytes, image, archive ...)
    │   ├── EncodingError            [CL004] bytes that decode as no supported encoding
    │   ├── InputTooLarge            [CL005] over the size limit
    │   ├── MalformedRecord          [CL006] a JSONL/CSV line or feed item that cannot be read
    │   ├── UnsupportedFormat        [CL007] a file type we cannot read
    │   ├── LanguageNotSupported     [CL008] not English
    │   └── BadMetadata              [CL009] e.g. an unparseable publication date
    ├── LedgerError                  [CL020] the ledger cannot be opened/written
    │   ├── SchemaError              [CL021] ledger from a newer claimledger, or a broken migration
    │   └── QueryError               [CL022] a query refused as asked (bad cursor, sort, date, limit)
    ├── ModelError                   [CL030] a spaCy model or resource cannot be loaded
    ├── NotFound                     [CL050] no such document, claim, source … (REST API: 404)
    ├── AccessDenied                 [CL051] a write without the right token (REST API: 401/403)
    ├── EvaluationError              [CL040] gold data missing or unreadable
    └── SettingError                 [CL060] a setting's environment variable holds a bad value

A batch catches :class:`InputError` per article, records it (``ledger.record_error``) and goes on.
"""

from __future__ import annotations


class ClaimledgerError(Exception):
    """Base class.  ``str(err)`` reads ``[CL0xx] <input>: <problem>``."""

    code = "CL000"

    def __init__(self, message: str, *, input: str | None = None) -> None:
        self.message = message
        self.input = input
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.input}: " if self.input else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(ClaimledgerError):
    code = "CL010"


class InputNotFound(InputError):
    code = "CL001"


class EmptyInput(InputError):
    code = "CL002"


class BinaryInput(InputError):
    code = "CL003"


class EncodingError(InputError):
    code = "CL004"


class InputTooLarge(InputError):
    code = "CL005"


class MalformedRecord(InputError):
    code = "CL006"


class UnsupportedFormat(InputError):
    code = "CL007"


class LanguageNotSupported(InputError):
    code = "CL008"


class BadMetadata(InputError):
    code = "CL009"


class LedgerError(ClaimledgerError):
    code = "CL020"


class SchemaError(LedgerError):
    code = "CL021"


class QueryError(LedgerError):
    code = "CL022"


class ModelError(ClaimledgerError):
    code = "CL030"


class NotFound(ClaimledgerError):
    code = "CL050"


class AccessDenied(ClaimledgerError):
    code = "CL051"


class EvaluationError(ClaimledgerError):
    code = "CL040"


class SettingError(ClaimledgerError):
    code = "CL060"


__all__ = [
    "AccessDenied",
    "BadMetadata",
    "BinaryInput",
    "ClaimledgerError",
    "EmptyInput",
    "EncodingError",
    "EvaluationError",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "LanguageNotSupported",
    "LedgerError",
    "MalformedRecord",
    "ModelError",
    "NotFound",
    "QueryError",
    "SchemaError",
    "SettingError",
    "UnsupportedFormat",
]
