"""The in-run nearest-neighbour search (checker/topics/neighbours.py) against vector-index libraries.

    python benchmarks/neighbours_library.py [--sizes 5000 20000 100000]

Vectors: the claims of the FNC-1 dev bodies, embedded once, each retold with noise (as in
benchmarks/tasks.py `cluster`). For every size: the 30 nearest neighbours above the topic
threshold of every row, as the topic linkage asks for them; recall against an exact search on
1,000 evenly spaced rows, and wall time. usearch (HNSW, the archive's index) always; faiss
(IVF-Flat, HNSW) when installed (`pip install faiss-cpu==1.15.1`; not a dependency).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from checker.topics.neighbours import NO_NEIGHBOUR, nearest, search  # noqa: E402

K = 30  # checker.topics.linkage.TOPIC_NEIGHBOURS
FLOOR = 0.35  # checker.topics.cluster.TOPIC_MIN_SIMILARITY
SAMPLE = 1_000

Method = Callable[[np.ndarray], np.ndarray]


def base_vectors() -> np.ndarray:
    from tasks import BASE_CACHE, bodies

    from checker.embed import CachedEmbedder, MiniLMEmbedder
    from checker.extract import extract

    embedder = CachedEmbedder(MiniLMEmbedder(), BASE_CACHE)
    try:
        return embedder.encode([a.content for a in extract(bodies(None))])
    finally:
        embedder.close()


def retold(base: np.ndarray, count: int) -> np.ndarray:
    from tasks import NOISE_SEED, REPLICA_NOISE

    origin = np.arange(count) % len(base)
    noise = np.random.default_rng(NOISE_SEED).normal(size=(count, base.shape[1])).astype(np.float32)
    vectors = base[origin] + REPLICA_NOISE * noise / np.sqrt(base.shape[1])
    return np.asarray(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), dtype=np.float32)


def keep(keys: np.ndarray, similarities: np.ndarray) -> np.ndarray:
    """The library's answer as neighbours.py gives it: itself excluded, at least FLOOR, K at most."""
    count = len(keys)
    keys = keys.astype(np.int64)
    valid = (keys >= 0) & (keys < count) & (keys != np.arange(count)[:, None]) & (similarities >= FLOOR)
    found = np.full((count, K), NO_NEIGHBOUR, dtype=np.int64)
    for row in range(count):
        chosen = keys[row][valid[row]][:K]
        found[row, : len(chosen)] = chosen
    return found


def partitioned(vectors: np.ndarray) -> np.ndarray:
    return nearest(vectors, K, FLOOR).indices


def usearch_hnsw(connectivity: int, expansion_add: int, expansion_search: int, threads: int) -> Method:
    def run(vectors: np.ndarray) -> np.ndarray:
        from usearch.index import Index

        index = Index(
            ndim=vectors.shape[1],
            metric="ip",
            dtype="f32",
            connectivity=connectivity,
            expansion_add=expansion_add,
            expansion_search=expansion_search,
        )
        index.add(np.arange(len(vectors)), vectors, threads=threads)
        found = index.search(vectors, K + 1, threads=threads)
        return keep(np.asarray(found.keys), 1.0 - np.asarray(found.distances))

    return run


def faiss_ivf(probes: int, threads: int) -> Method:
    def run(vectors: np.ndarray) -> np.ndarray:
        import faiss

        faiss.omp_set_num_threads(threads)
        cells = math.isqrt(len(vectors))
        index = faiss.IndexIVFFlat(
            faiss.IndexFlatIP(vectors.shape[1]), vectors.shape[1], cells, faiss.METRIC_INNER_PRODUCT
        )
        index.train(vectors)
        index.add(vectors)
        index.nprobe = probes
        similarities, keys = index.search(vectors, K + 1)
        return keep(keys, similarities)

    return run


def recall(found: np.ndarray, vectors: np.ndarray, rows: np.ndarray) -> float:
    truth = search(vectors, rows, np.arange(len(vectors)), K, FLOOR).indices
    hits = total = 0
    for position, row in enumerate(rows):
        wanted = set(truth[position][truth[position] != NO_NEIGHBOUR].tolist())
        total += len(wanted)
        hits += len(wanted & set(found[row][found[row] != NO_NEIGHBOUR].tolist()))
    return hits / max(total, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 20_000, 100_000])
    options = parser.parse_args()
    methods: dict[str, Method] = {
        "partitioned (neighbours.py)": partitioned,
        "usearch HNSW M=16 efC=128 ef=64, 2 threads": usearch_hnsw(16, 128, 64, 2),
        "usearch HNSW M=12 efC=48 ef=64, 2 threads": usearch_hnsw(12, 48, 64, 2),
        "usearch HNSW M=8 efC=32 ef=48, 2 threads": usearch_hnsw(8, 32, 48, 2),
    }
    try:
        import faiss  # noqa: F401

        methods["faiss IVF-Flat sqrt(n) cells, 8 probes, 2 threads"] = faiss_ivf(8, 2)
    except ImportError:
        print("faiss-cpu not installed: its rows are left out", flush=True)
    base = base_vectors()
    for size in options.sizes:
        vectors = retold(base, size)
        rows = np.linspace(0, size - 1, min(SAMPLE, size)).astype(np.int64)
        for name, method in methods.items():
            start = time.perf_counter()
            found = method(vectors)
            seconds = time.perf_counter() - start
            print(f"{size:>7,}  {name:<52} {seconds:7.2f} s  recall@{K} {recall(found, vectors, rows):.3f}", flush=True)


if __name__ == "__main__":
    main()
