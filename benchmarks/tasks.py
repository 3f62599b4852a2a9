"""Measurements that need a process of their own (clean peak memory, cold caches): one per call.

    python benchmarks/tasks.py TASK [ARGS...]    # prints one JSON object

Tasks: seed-warm; corpus BODIES; onnx BODIES; cache BODIES; scale BODIES FACTOR; cluster COUNT (and cluster-run NPY).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's checker, not an installed one

if TYPE_CHECKING:
    from checker.embed import Embedder

# Imported where used: the clustering process must not carry the parser and torch.
from checker.models import Document  # noqa: E402

SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"
EMERGENT = ROOT.parent / "shared" / "datasets" / "emergent" / "emergent-dev.csv"
BASE_CACHE = Path(tempfile.gettempdir()) / "checker-benchmark-embeddings.sqlite3"
REPLICA_NOISE = 0.5  # a retelling: cosine about 0.9 to the claim it copies
NOISE_SEED = 20261125
ROUNDS = 2  # full check and embedding alone alternate, best of each: the machine may be shared


def peak_mib() -> float:
    """This process' peak resident memory. ru_maxrss survives exec (it starts at the parent's), VmHWM does not."""
    status = Path("/proc/self/status")
    if status.exists():
        for row in status.read_text(encoding="utf-8").splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def bodies(limit: int | None) -> list[Document]:
    with FNC_BODIES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    return [Document(id=row["Body ID"], text=row["articleBody"]) for row in rows]


def warm_up() -> None:
    from checker import check

    check([Document(id="w", text=SEED.read_text(encoding="utf-8"), published=dt.date(2024, 10, 28))])


def seed_warm() -> dict[str, Any]:
    from checker import check

    document = Document(id="seed", text=SEED.read_text(encoding="utf-8"), published=dt.date(2024, 10, 28))
    warm_up()
    wall, _, report = timed(lambda: check([document]))
    return {"seconds": wall, "claims": len(report.claims)}


def corpus(limit: int) -> dict[str, Any]:
    from checker import check
    from checker.embed import MiniLMEmbedder
    from checker.extract import extract

    documents = bodies(limit)
    warm_up()
    contents = [a.content for a in extract(documents)]
    embedder = MiniLMEmbedder()
    fulls, embeds, singles = [], [], []
    for _ in range(ROUNDS):
        fulls.append(timed(lambda: check(documents)))
        embeds.append(timed(lambda: embedder.encode(contents)))
        singles.append(timed(lambda: _one_core(embedder, contents)))
    full, embed = min(fulls, key=lambda r: r[0]), min(embeds, key=lambda r: r[0])
    single = min(singles, key=lambda r: r[0])
    report = full[2]
    return {
        "documents": len(documents),
        "claims": len(report.claims),
        "topics": len(report.topics),
        "conflicts": len(report.conflicts),
        "full_s": full[0],
        "full_cpu_s": full[1],
        "embed_s": embed[0],
        "embed_cpu_s": embed[1],
        "embed_one_core_s": single[0],
        "stages": stages(documents, embedder),
        "peak_mib": peak_mib(),
    }


def learned(limit: int) -> dict[str, Any]:
    """The full check of `limit` bodies with the stance model and with the cues alone (best of ROUNDS each)."""
    from checker import check

    documents = bodies(limit)
    warm_up()
    with_model = min((timed(lambda: check(documents, enable=("learned",))) for _ in range(ROUNDS)), key=lambda r: r[0])
    cues = min((timed(lambda: check(documents)) for _ in range(ROUNDS)), key=lambda r: r[0])
    read = [c for c in with_model[2].conflicts if c.stance_scores is not None]
    return {
        "documents": len(documents),
        "claims": len(with_model[2].claims),
        "learned_s": with_model[0],
        "cues_s": cues[0],
        "conflicts_learned": len(with_model[2].conflicts),
        "conflicts_cues": len(cues[2].conflicts),
        "conflicts_with_scores": len(read),
        "learned_conflicts": sum(c.kind == "learned" for c in with_model[2].conflicts),
    }


def onnx(limit: int) -> dict[str, Any]:
    """The same corpus with `--embedder onnx`: time, and whether the report is torch's, byte for byte."""
    from checker import check
    from checker.embed import Backend, MiniLMEmbedder
    from checker.extract import extract
    from checker.report.render import render_json

    documents = bodies(limit)
    warm_up()
    MiniLMEmbedder(Backend.ONNX).encode(["the export is made, or found, before any timing"])
    contents = [a.content for a in extract(documents)]
    embedder = MiniLMEmbedder(Backend.ONNX)
    fulls = [timed(lambda: check(documents, backend=Backend.ONNX)) for _ in range(ROUNDS)]
    embeds = [timed(lambda: embedder.encode(contents)) for _ in range(ROUNDS)]
    full, embed = min(fulls, key=lambda r: r[0]), min(embeds, key=lambda r: r[0])
    same = render_json(full[2]) == render_json(check(documents))
    return {"claims": len(contents), "full_s": full[0], "embed_s": embed[0], "same_report": same}


def _one_core(embedder: Embedder, contents: list[str]) -> Any:
    """The same chunks one after another on one torch thread: what one core embeds."""
    from checker.embed import BackgroundEncoder

    encoder = BackgroundEncoder(embedder, workers=1)
    encoder.add(contents)
    return encoder.result()


def stages(documents: list[Document], embedder: Embedder) -> dict[str, float]:
    """The same work one stage after another, to see what dominates."""
    from checker import rules
    from checker.extract import extract
    from checker.learn import load_matter_model
    from checker.rules.base import RuleContext
    from checker.topics import cluster

    extract_s, _, analyses = timed(lambda: extract(documents))
    contents = [a.content for a in analyses]
    embed_s, _, vectors = timed(lambda: embedder.encode(contents))
    model = load_matter_model()
    ids = [a.claim.id for a in analyses]
    cluster_s, _, topics = timed(lambda: cluster(ids, contents, vectors, matter_model=model))
    context = RuleContext(analyses, vectors, topics.assignment, embedder.encode)
    rules_s, _, _ = timed(lambda: rules.run(context, rules.select()))
    return {"extract_s": extract_s, "embed_s": embed_s, "cluster_s": cluster_s, "rules_s": rules_s}


def cache(limit: int) -> dict[str, Any]:
    from checker import check
    from checker.extract import extract

    documents = bodies(limit)
    warm_up()
    contents = [a.content for a in extract(documents)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "embeddings.sqlite3"
        cold, _, _ = timed(lambda: _cached_encode(path, contents))
        warm, _, _ = timed(lambda: _cached_encode(path, contents))
        full_warm, _, _ = timed(lambda: check(documents, cache=path))
    return {"claims": len(contents), "embed_uncached_s": cold, "embed_cached_s": warm, "full_cached_s": full_warm}


def _cached_encode(path: Path, contents: list[str]) -> None:
    from checker.embed import CachedEmbedder, MiniLMEmbedder

    embedder = CachedEmbedder(MiniLMEmbedder(), path)
    embedder.encode(contents)
    embedder.close()


def scale(limit: int, factor: int) -> dict[str, Any]:
    from checker import check

    originals = bodies(limit)
    documents = [d.model_copy(update={"id": f"{d.id}~{copy}"}) for copy in range(factor) for d in originals]
    warm_up()
    wall, cpu, report = timed(lambda: check(documents))
    return {
        "documents": len(documents),
        "claims": len(report.claims),
        "full_s": wall,
        "cpu_s": cpu,
        "peak_mib": peak_mib(),
    }


def cluster_synthetic(count: int) -> dict[str, Any]:
    """`count` claims: the corpus' claim vectors, each retold many times with noise, clustered at once.

    The clustering runs in a process of its own, so that its peak memory is not the parser's.
    """
    from checker.embed import CachedEmbedder, MiniLMEmbedder
    from checker.extract import extract
    from checker.topics.linkage import average_linkage

    contents = [a.content for a in extract(bodies(None))]
    embedder = CachedEmbedder(MiniLMEmbedder(), BASE_CACHE)
    base = embedder.encode(contents)
    embedder.close()
    origin = np.arange(count) % len(base)
    noise = np.random.default_rng(NOISE_SEED).normal(size=(count, base.shape[1])).astype(np.float32)
    vectors = base[origin] + REPLICA_NOISE * noise / np.sqrt(base.shape[1])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vectors.npy"
        np.save(path, vectors)
        done = subprocess.run(
            [sys.executable, __file__, "cluster-run", str(path)], capture_output=True, text=True, check=True
        )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    base_labels = average_linkage(base, 0.35)
    assignment = found.pop("assignment")
    return found | {
        "base_claims": len(base),
        "base_topics": len(set(base_labels)),
        "cohesion": _cohesion(assignment, origin, base_labels),
    }


def cluster_run(path: str) -> dict[str, Any]:
    from checker.topics import cluster

    vectors = np.load(path)
    count = len(vectors)
    before = peak_mib()
    wall, cpu, found = timed(lambda: cluster([str(i) for i in range(count)], [""] * count, vectors))
    return {
        "claims": count,
        "topics": len(found.topics),
        "seconds": wall,
        "cpu_s": cpu,
        "peak_mib": peak_mib(),
        "peak_before_mib": before,
        "assignment": found.assignment,
    }


def _cohesion(assignment: list[str], origin: np.ndarray, base_labels: list[int]) -> dict[str, float]:
    """How often copies of one claim share a topic, and copies of claims from different base topics do not."""
    first: dict[int, str] = {}
    same_story = []
    for topic, source in zip(assignment, origin.tolist(), strict=True):
        same_story.append(first.setdefault(source, topic) == topic)
    topic_of_base = {}
    merged = 0
    for source, topic in first.items():
        label = base_labels[source]
        if topic_of_base.setdefault(topic, label) != label:
            merged += 1
    return {"copies_together": float(np.mean(same_story)), "base_topics_merged": merged / max(len(first), 1)}


def emergent() -> dict[str, Any]:
    """All Emergent headlines clustered at once, against their claim groups (adjusted Rand index).

    Headlines are embedded as they are (most carry no attribution, and a line without a full stop
    reads as a heading to the extractor), so this measures the clustering alone: the sparse
    linkage against full average linkage on the same vectors.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    from checker.embed import MiniLMEmbedder
    from checker.topics.cluster import TOPIC_MIN_SIMILARITY, cluster

    with EMERGENT.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    gold = [r["claimId"] for r in rows]
    texts = [r["articleHeadline"] for r in rows]
    vectors = MiniLMEmbedder().encode(texts)
    ours = cluster([str(i) for i in range(len(rows))], texts, vectors).assignment
    distances = np.clip(pdist(vectors.astype(np.float64), metric="cosine"), 0.0, 2.0)
    full = [str(x) for x in fcluster(linkage(distances, "average"), t=1.0 - TOPIC_MIN_SIMILARITY, criterion="distance")]
    return {
        "headlines": len(rows),
        "groups": len(set(gold)),
        "topics": len(set(ours)),
        "ari": adjusted_rand(gold, ours),
        "ari_full_linkage": adjusted_rand(gold, full),
        "agreement_with_full": adjusted_rand(ours, full),
    }


def adjusted_rand(left: list[str], right: list[str]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings."""
    pairs: dict[tuple[str, str], int] = {}
    for pair in zip(left, right, strict=True):
        pairs[pair] = pairs.get(pair, 0) + 1
    rows, columns = _counts(left), _counts(right)
    together = sum(_choose2(n) for n in pairs.values())
    expected = sum(map(_choose2, rows)) * sum(map(_choose2, columns)) / max(_choose2(len(left)), 1)
    best = (sum(map(_choose2, rows)) + sum(map(_choose2, columns))) / 2
    return (together - expected) / (best - expected) if best != expected else 1.0


def _counts(labels: list[str]) -> list[int]:
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return list(counts.values())


def _choose2(n: int) -> float:
    return n * (n - 1) / 2


TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "seed-warm": seed_warm,
    "corpus": corpus,
    "onnx": onnx,
    "cache": cache,
    "scale": scale,
    "learned": learned,
    "cluster": cluster_synthetic,
    "cluster-run": cluster_run,
    "emergent": emergent,
}

if __name__ == "__main__":
    task, *arguments = sys.argv[1:]
    result = TASKS[task](*[a if task == "cluster-run" else int(a) for a in arguments])
    result["load_average"] = os.getloadavg()[0]
    print(json.dumps(result))
