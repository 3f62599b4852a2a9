"""The claim archive at growing sizes: add throughput, size on disk, draft-check latency warm and cold.

    python benchmarks/archive.py [--sizes 1000 10000 100000] [--folder DIR] [--compare N]

Articles are the FNC-1 bodies of ../shared/datasets (dev and train, about 2,100 distinct texts),
then the same bodies again under new ids. A repeated text (same text and date) reuses the
analyses and vectors already archived (content hash), so past the distinct bodies the add
throughput is that of copying, not of parsing: both are printed apart. The draft is the seed
article; warm = models loaded and the archive opened once before; cold = a fresh
`checker check` process. With `--compare N`, first the add of N distinct bodies to an empty
archive against a plain check of the same N bodies, one after the other at the same load.
Prints one line per figure.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's checker, not an installed one

from checker.archive import Archive  # noqa: E402
from checker.embed import MiniLMEmbedder  # noqa: E402
from checker.models import Document  # noqa: E402

SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
SEED_PUBLISHED = "2024-10-28"
DATASETS = ROOT.parent / "shared" / "datasets"
BODIES = [DATASETS / "fnc1" / "bodies-dev.csv", DATASETS / "fnc1-train" / "bodies-train.csv"]
CORES = 2  # this machine's; throughput per core divides by it
FIRST_DAY = dt.date(2023, 1, 1)
COLD_RUNS = 2


def distinct_bodies() -> list[Document]:
    texts: dict[str, None] = {}
    for path in BODIES:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                texts.setdefault(row["articleBody"], None)
    return [
        Document(id=f"body-{n:05d}", text=text, published=FIRST_DAY + dt.timedelta(days=n % 600))
        for n, text in enumerate(texts)
    ]


def articles(count: int, bodies: list[Document]) -> list[Document]:
    """`count` articles: the distinct bodies, then copies of them under new ids (same text and date)."""
    found = bodies[:count]
    copy = 1
    while len(found) < count:
        found += [b.model_copy(update={"id": f"copy{copy}-{b.id}"}) for b in bodies[: count - len(found)]]
        copy += 1
    return found


def line(label: str, value: str) -> None:
    print(f"{label:<60} {value}", flush=True)


def cold(arguments: list[str]) -> float:
    best = float("inf")
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "checker", *arguments], cwd=ROOT, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000], help="0: none (with --compare)")
    parser.add_argument("--folder", type=Path, default=None, help="archive directory (default: a temporary one)")
    parser.add_argument("--compare", type=int, default=0, help="time an add against a plain check of N bodies")
    options = parser.parse_args()
    if not all(p.exists() for p in BODIES):
        sys.exit(f"benchmark: needs {BODIES[0].parent} and {BODIES[1].parent}")
    from checker import check

    folder = options.folder or Path(tempfile.mkdtemp(prefix="checker-archive-")) / "archive"
    bodies = distinct_bodies()
    embedder = MiniLMEmbedder()
    seed = Document(id="draft", text=SEED.read_text(encoding="utf-8"), published=dt.date.fromisoformat(SEED_PUBLISHED))
    start = time.perf_counter()
    check([seed], embedder=embedder)
    line("warm-up (models loaded, seed checked once)", f"{time.perf_counter() - start:.1f} s")
    plain_warm = min(_timed(lambda: check([seed], embedder=embedder)) for _ in range(3))
    plain_cold = cold(["check", str(SEED), "--published", SEED_PUBLISHED, "--no-cache"])
    line("plain check of the seed: warm / cold", f"{plain_warm:.2f} s / {plain_cold:.2f} s")
    line("distinct FNC-1 bodies available", f"{len(bodies):,}")
    if options.compare:
        compare(bodies[: options.compare], embedder)
    for size in [s for s in options.sizes if s > 0]:
        documents = articles(size, bodies)
        with Archive.open_for_writing(folder, embedder.model_id) as archive:
            before = archive.info().documents
            start = time.perf_counter()
            result = archive.add(documents, embedder)
            seconds = time.perf_counter() - start
            info = archive.info()
        fresh = result.added - result.reused
        line(
            f"[{size:,}] added / reused (identical text) / unchanged",
            f"{result.added:,} / {result.reused:,} / {result.unchanged:,}",
        )
        line(f"[{size:,}] add time for {size - before:,} new articles", f"{seconds:.1f} s")
        if fresh and not result.reused:
            line(
                f"[{size:,}] add throughput, distinct texts",
                f"{fresh / seconds:.2f} articles/s ({fresh / seconds / CORES:.2f} per core)",
            )
        elif result.added:
            line(f"[{size:,}] add throughput, mostly copies", f"{result.added / seconds:.1f} articles/s")
        line(
            f"[{size:,}] archive: documents / claims / size on disk",
            f"{info.documents:,} / {info.claims:,} / {info.size_bytes / 2**20:,.1f} MiB",
        )
        index_bytes = sum(p.stat().st_size for p in folder.glob("vectors-*.usearch"))
        line(
            f"[{size:,}] on disk per claim: all / of it the vector index",
            f"{info.size_bytes / max(info.claims, 1):,.0f} B / {index_bytes / max(info.claims, 1):,.0f} B",
        )
        warm = min(_timed(lambda: check([seed], embedder=embedder, archive=folder)) for _ in range(3))
        cold_s = cold(["check", str(SEED), "--published", SEED_PUBLISHED, "--no-cache", "--archive", str(folder)])
        line(
            f"[{size:,}] draft check (seed): warm / beyond the plain warm check",
            f"{warm:.2f} s / {warm - plain_warm:+.2f} s",
        )
        line(
            f"[{size:,}] draft check (seed): cold / ratio to a plain cold check",
            f"{cold_s:.2f} s / {cold_s / plain_cold:.2f}x",
        )
    line("archive left in", str(folder))


def compare(documents: list[Document], embedder: MiniLMEmbedder) -> None:
    """The add of `documents` to an empty archive against a plain check of them, at the same load."""
    from checker import check

    start = time.perf_counter()
    check(documents, embedder=embedder)
    plain = time.perf_counter() - start
    with (
        tempfile.TemporaryDirectory(prefix="checker-compare-") as scratch,
        Archive.open_for_writing(Path(scratch) / "archive", embedder.model_id) as archive,
    ):
        start = time.perf_counter()
        archive.add(documents, embedder)
        added = time.perf_counter() - start
    count = len(documents)
    line(
        f"[compare {count}] plain check / archive add",
        f"{plain:.1f} s ({count / plain / CORES:.2f} articles/s per core) / "
        f"{added:.1f} s ({count / added / CORES:.2f} per core), {added / plain:.2f}x",
    )


def _timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
