"""claimledger: read news and build a ledger of sourced claims.

>>> import claimledger
>>> reading = claimledger.read("The minister said the bridge was closed.", published="2025-02-01")
>>> [c.cue.text for c in reading.claims]
['said']
"""

from __future__ import annotations

from claimledger._api import read
from claimledger.errors import (
    AccessDenied,
    BadMetadata,
    BinaryInput,
    ClaimledgerError,
    EmptyInput,
    EncodingError,
    EvaluationError,
    InputError,
    InputNotFound,
    InputTooLarge,
    LanguageNotSupported,
    LedgerError,
    MalformedRecord,
    ModelError,
    NotFound,
    QueryError,
    SchemaError,
    SettingError,
    UnsupportedFormat,
)
from claimledger.ledger import Ledger, open_ledger
from claimledger.models import (
    Actor,
    Article,
    ChannelHop,
    Claim,
    ClaimGroup,
    ClaimLink,
    Comparison,
    ErrorRecord,
    Event,
    Figure,
    Normalized,
    Place,
    Reading,
    Source,
    Span,
    Story,
    StoryReconciliation,
    TimelinePoint,
    TimeRef,
    ValueRange,
)

__version__ = "0.1.0"

__all__ = [
    "AccessDenied",
    "Actor",
    "Article",
    "BadMetadata",
    "BinaryInput",
    "ChannelHop",
    "Claim",
    "ClaimGroup",
    "ClaimLink",
    "ClaimledgerError",
    "Comparison",
    "EmptyInput",
    "EncodingError",
    "ErrorRecord",
    "EvaluationError",
    "Event",
    "Figure",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "LanguageNotSupported",
    "Ledger",
    "LedgerError",
    "MalformedRecord",
    "ModelError",
    "Normalized",
    "NotFound",
    "Place",
    "QueryError",
    "Reading",
    "SchemaError",
    "SettingError",
    "Source",
    "Span",
    "Story",
    "StoryReconciliation",
    "TimeRef",
    "TimelinePoint",
    "UnsupportedFormat",
    "ValueRange",
    "__version__",
    "open_ledger",
    "read",
]
