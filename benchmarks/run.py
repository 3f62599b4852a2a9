"""Print speed and memory figures for the checker (a script, not a timed test).

    python benchmarks/run.py [--bodies N]

Figures: `checker --help` start-up; cold seed check (a fresh process, models loaded from disk);
warm seed check (models already in memory); and, when ../shared/datasets/fnc1 is present, a full
check of N FNC-1 article bodies against the embedding pass alone on the same claims.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"
CHECKER = [sys.executable, "-m", "checker"]
REPEATS = 3


def timed_process(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def best_of(args: list[str]) -> float:
    return min(timed_process(args) for _ in range(REPEATS))


def seed_figures() -> None:
    from checker import Document, check

    print(f"checker --help            {best_of([*CHECKER, '--help']):7.2f} s (best of {REPEATS})")
    cold = timed_process([*CHECKER, "check", str(SEED), "--published", "2024-10-28", "--fail-on", "never"])
    print(f"seed check, cold process  {cold:7.2f} s (imports + model loads + check)")
    document = Document(id="seed", text=SEED.read_text(encoding="utf-8"), published=dt.date(2024, 10, 28))
    check([document])  # load the models once
    start = time.perf_counter()
    report = check([document])
    print(f"seed check, warm          {time.perf_counter() - start:7.2f} s ({len(report.claims)} claims)")


def corpus_figures(limit: int) -> None:
    if not FNC_BODIES.exists():
        print(f"FNC-1 bodies not found at {FNC_BODIES}: corpus figures skipped")
        return
    from checker import Document, check
    from checker.embed import MiniLMEmbedder
    from checker.extract import extract

    with FNC_BODIES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    documents = [Document(id=row["Body ID"], text=row["articleBody"]) for row in rows]
    start = time.perf_counter()
    report = check(documents)
    full = time.perf_counter() - start
    contents = [a.content for a in extract(documents)]
    start = time.perf_counter()
    MiniLMEmbedder().encode(contents)
    embed_only = time.perf_counter() - start
    print(f"FNC-1 bodies              {len(documents)} documents, {len(report.claims)} claims")
    print(f"  full check              {full:7.2f} s ({len(report.claims) / full:6.1f} claims/s)")
    print(f"  embedding pass alone    {embed_only:7.2f} s ({len(contents) / embed_only:6.1f} sentences/s)")
    print(f"  ratio full / embedding  {full / embed_only:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bodies", type=int, default=100, help="FNC-1 bodies to check (default 100)")
    args = parser.parse_args()
    print(f"{dt.date.today()} · Python {platform.python_version()} · {platform.machine()} · {_cores()} cores")
    seed_figures()
    corpus_figures(args.bodies)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process) {peak:6.0f} MiB")


def _cores() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
