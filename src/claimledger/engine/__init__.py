"""Running the reading over many articles: one process, all cores, or a Dask cluster; resumable.

Modules, each importing only those before it (no cycle):

* :mod:`.analysis` — articles -> Readings in one process (``analyse``, ``read_one``, ``warm_up``);
* :mod:`.pool` — the same on all cores of this machine (forked workers reading whole chunks);
* :mod:`.dask` — the same on a Dask cluster (a LocalCluster when no scheduler is given);
* :mod:`.annotate` — PolNeAR-style brat files for a folder of texts;
* :mod:`.batch` — readers -> analysis -> ledger, skipping what the ledger holds, recording errors.
"""

from __future__ import annotations

from claimledger.engine.analysis import (
    MAX_ANALYSED_CHARS,
    Analyser,
    AnalysisFailure,
    analyse,
    read_one,
    read_or_fail,
    warm_up,
)
from claimledger.engine.batch import IngestReport, ingest, local_analyser

__all__ = [
    "MAX_ANALYSED_CHARS",
    "Analyser",
    "AnalysisFailure",
    "IngestReport",
    "analyse",
    "ingest",
    "local_analyser",
    "read_one",
    "read_or_fail",
    "warm_up",
]
