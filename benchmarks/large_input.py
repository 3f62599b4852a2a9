"""Time and memory on large and hostile inputs (a script, not a timed test).

    python benchmarks/large_input.py [--sizes 100000,300000,900000] [--copies 5,10,20] [--runon 20000,200000]

Each figure runs in its own process so that its peak resident memory is its own:
- a 40 MB text file of real sentences (the seed article repeated) through the CLI, as a gate would run it;
- full checks of real news bodies (FNC-1, when ../shared/datasets/fnc1 is present) of growing size,
  stage by stage, to show what an input at the size limit costs;
- extraction of one run-on "sentence" of N characters, of words, figures and punctuation;
- the same article given N times (syndicated copies), where every claim meets its copies.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"
FORTY_MB = 40_000_000
KIB = 1024
# Measure this checkout, never whatever copy of `checker` happens to be installed.
sys.path.insert(0, str(ROOT))
PEAK_PREFIX = "peak_mib="  # each child reports its own peak resident memory on stderr


def measured(args: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak resident MiB, exit code, and stdout (or the last stderr line) of one child."""
    start = time.perf_counter()
    child = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    peak, lines = float("nan"), []
    for line in child.stderr.splitlines():
        if line.startswith(PEAK_PREFIX):
            peak = float(line.removeprefix(PEAK_PREFIX))
        elif line.strip():
            lines.append(line)
    return wall, peak, child.returncode, child.stdout if child.returncode == 0 else (lines[-1] if lines else "")


def forty_megabytes() -> None:
    seed = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "forty.txt"
        with path.open("w", encoding="utf-8") as out:
            for _ in range(FORTY_MB // len(seed) + 1):
                out.write(seed + "\n\n")
        size = path.stat().st_size
        wall, peak, code, message = measured([sys.executable, __file__, "--child", "cli", str(path)])
    print(f"40 MB file ({size:,} bytes of the seed article, repeated) through the CLI")
    print(f"  exit {code} in {wall:.2f} s, peak {peak:.0f} MiB: {message.strip()[:160]}")


def corpus(sizes: list[int]) -> None:
    if not FNC_BODIES.exists():
        print(f"FNC-1 bodies not found at {FNC_BODIES}: corpus scaling skipped")
        return
    print("full check of FNC-1 bodies (real news prose), one process per size")
    for size in sizes:
        _report(f"  {size:>9,} chars", [sys.executable, __file__, "--child", "corpus", str(size)])


def runon(lengths: list[int]) -> None:
    print("extraction of one run-on sentence (no full stop), one process per case")
    for shape in ("words", "figures", "quotes"):
        for length in lengths:
            _report(f"  {shape:<8}{length:>9,} chars", [sys.executable, __file__, "--child", shape, str(length)])


def copies(counts: list[int]) -> None:
    print("the seed article given N times (syndicated copies): claims meet their copies in one topic")
    for count in counts:
        _report(f"  {count:>4} copies", [sys.executable, __file__, "--child", "copies", str(count)])


def _report(label: str, args: list[str]) -> None:
    wall, peak, code, out = measured(args)
    detail = out.strip().splitlines()[-1] if code == 0 and out.strip() else f"exit {code}: {out.strip()[:120]}"
    print(f"{label}  {wall:7.1f} s  peak {peak:6.0f} MiB  {detail}")


# --- children -----------------------------------------------------------------------------------------------


def _child(kind: str, value: str) -> None:
    import resource

    try:
        if kind == "cli":
            from checker.cli import app

            app(["check", value, "--format", "json"])
        else:
            _stages(_documents(kind, int(value)), full=kind in {"corpus", "copies"})
    finally:
        sys.stdout.flush()
        print(f"{PEAK_PREFIX}{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KIB:.0f}", file=sys.stderr)


def _documents(kind: str, size: int) -> list[object]:
    from checker.models import Document

    seed = SEED.read_text(encoding="utf-8")
    if kind == "copies":
        return [Document(id=f"copy{i:04d}", text=seed) for i in range(size)]
    if kind == "corpus":
        with FNC_BODIES.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        documents, total = [], 0
        for row in rows:
            if total >= size:
                break
            text = row["articleBody"][: size - total]
            documents.append(Document(id=row["Body ID"], text=text))
            total += len(text)
        return documents
    return [Document(id="runon", text=_runon_text(kind, size))]


def _runon_text(shape: str, length: int) -> str:
    words = SEED.read_text(encoding="utf-8").translate(str.maketrans(".!?…", ",,,,")).split()
    unit: Callable[[int], str] = {
        "words": lambda i: words[i % len(words)],
        "figures": lambda i: f"{(i % 90 + 10) * 100:,}",
        "quotes": lambda i: '"',
    }[shape]
    parts, total, index = ["The ministry said that"], 22, 0
    while total < length:
        parts.append(unit(index))
        total += len(parts[-1]) + 1
        index += 1
    return " ".join(parts)[:length]


def _stages(documents: list[object], full: bool) -> None:
    from checker import rules
    from checker.embed import MiniLMEmbedder
    from checker.extract import extract
    from checker.learn import load_matter_model
    from checker.pipeline import _refuse_oversized
    from checker.resolve import resolve
    from checker.rules.base import RuleContext
    from checker.topics import cluster

    timings: dict[str, float] = {}
    clock = time.perf_counter()
    _refuse_oversized(documents)  # type: ignore[arg-type]
    analyses = extract(documents)  # type: ignore[arg-type]
    timings["extract"] = time.perf_counter() - clock
    summary = f"{len(analyses):,} claims"
    if full:
        encoder = MiniLMEmbedder()
        clock = time.perf_counter()
        vectors = encoder.encode([a.content for a in analyses])
        timings["embed"] = time.perf_counter() - clock
        clock = time.perf_counter()
        contents = [a.content for a in analyses]
        topics = cluster([a.claim.id for a in analyses], contents, vectors, matter_model=load_matter_model())
        timings["cluster"] = time.perf_counter() - clock
        clock = time.perf_counter()
        context = RuleContext(analyses, vectors, topics.assignment, encoder.encode)
        conflicts = resolve(context, rules.run(context, rules.select()))
        timings["rules+resolve"] = time.perf_counter() - clock
        largest = max(len(t.claim_ids) for t in topics.topics)
        summary += f", largest topic {largest:,}, {len(conflicts):,} conflicts"
    print(summary + ": " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,300000,900000", help="corpus sizes in characters")
    parser.add_argument("--copies", default="5,10,20", help="numbers of copies of the seed article")
    parser.add_argument("--runon", default="20000,200000", help="run-on sentence lengths in characters")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "VALUE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{dt.date.today()} · Python {platform.python_version()} · {platform.machine()} · {os.cpu_count()} cores")
    print(f"load average at start: {load}")
    forty_megabytes()
    runon([int(x) for x in args.runon.split(",")])
    corpus([int(x) for x in args.sizes.split(",")])
    copies([int(x) for x in args.copies.split(",")])
    print(json.dumps({"load_average_at_end": [round(x, 1) for x in os.getloadavg()]}))


if __name__ == "__main__":
    main()
