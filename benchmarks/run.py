"""Print speed and memory figures for the checker (a script, not a timed test).

    python benchmarks/run.py [--bodies N] [--scale-bodies N] [--claims N] [--quick]

Figures: `checker --help` and `checker rules` start-up; the seed article checked in a cold
process, with a warm model, and again in a new process from a filled embedding cache; and, when
../shared/datasets/fnc1 is present: a full check of N FNC-1 bodies against the embedding pass
alone on the same claims (ratio, sentences/s, peak memory, time per stage); the embedding part
uncached and cached; a scaling series (1x, 2x, 4x, 8x the bodies); and the clustering of a
synthetic replication of the corpus' claims (100,000 by default); with ../shared/datasets/emergent,
how well topics recover the stories of the Emergent headlines. Each measurement runs in a
fresh process (benchmarks/tasks.py). The machine's load average is printed with each figure:
on a shared machine, compare figures taken at similar load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"
EMERGENT = ROOT.parent / "shared" / "datasets" / "emergent" / "emergent-dev.csv"
CHECKER = [sys.executable, "-m", "checker"]
TASKS = [sys.executable, str(ROOT / "benchmarks" / "tasks.py")]
SEED_CHECK = ["check", str(SEED), "--published", "2024-10-28", "--fail-on", "never"]
REPEATS = 3
SCALES = (1, 2, 4, 8)


def timed_process(args: list[str]) -> float:
    return measured_process(args)[0]


def measured_process(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process (its own rusage, not all children's)."""
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped above; keeps Popen from waiting again
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def task(*args: object) -> dict[str, Any]:
    done = subprocess.run([*TASKS, *map(str, args)], cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def line(label: str, value: str, load: float | None = None) -> None:
    suffix = f"   (load {load:.1f})" if load is not None else ""
    print(f"{label:<44}{value}{suffix}", flush=True)


def start_up() -> None:
    for command in (["--help"], ["rules"]):
        best = min(timed_process([*CHECKER, *command]) for _ in range(REPEATS))
        line(f"checker {' '.join(command)} (best of {REPEATS})", f"{best:7.2f} s", os.getloadavg()[0])


def seed() -> None:
    runs = [measured_process([*CHECKER, *SEED_CHECK, "--no-cache"]) for _ in range(REPEATS)]
    cold, peak = statistics.median(r[0] for r in runs), max(r[1] for r in runs)
    line(f"seed check, cold process (median of {REPEATS})", f"{cold:7.2f} s, {peak:.0f} MiB peak", os.getloadavg()[0])
    warm = task("seed-warm")
    line("seed check, warm (models loaded)", f"{warm['seconds']:7.2f} s, {warm['claims']} claims", warm["load_average"])
    with tempfile.TemporaryDirectory() as folder:
        cache = str(Path(folder) / "embeddings.sqlite3")
        timed_process([*CHECKER, *SEED_CHECK, "--cache", cache])
        again = statistics.median(timed_process([*CHECKER, *SEED_CHECK, "--cache", cache]) for _ in range(REPEATS))
    line(f"seed check, new process, cache filled (median of {REPEATS})", f"{again:7.2f} s", os.getloadavg()[0])


def corpus(bodies: int) -> None:
    found = task("corpus", bodies)
    print(f"FNC-1 dev bodies: {found['documents']} documents, {found['claims']} claims, {found['topics']} topics")
    load = found["load_average"]
    line("  full check (best of 2)", f"{found['full_s']:7.2f} s, cpu {found['full_cpu_s']:.2f} s", load)
    for label, key in [("all cores", "embed_s"), ("one core", "embed_one_core_s")]:
        rate = found["claims"] / found[key]
        line(f"  embedding pass alone, {label} (best of 2)", f"{found[key]:7.2f} s, {rate:.0f} sentences/s", load)
    line("  embedding pass alone, CPU", f"{found['embed_cpu_s']:7.2f} s")
    line("  ratio full / embedding (all cores)", f"{found['full_s'] / found['embed_s']:7.2f}")
    line("  peak resident memory of the full check", f"{found['peak_mib']:7.0f} MiB")
    stages = ", ".join(f"{k[:-2]} {v:.2f} s" for k, v in found["stages"].items())
    line("  one stage after another", stages)


def learned(bodies: int) -> None:
    found = task("learned", bodies)
    load = found["load_average"]
    ratio = found["learned_s"] / found["cues_s"]
    line("  full check, --enable learned (best of 2)", f"{found['learned_s']:7.2f} s", load)
    line("  full check, the cues alone (best of 2)", f"{found['cues_s']:7.2f} s, ratio {ratio:.2f}")
    with_model = f"{found['conflicts_learned']} ({found['learned_conflicts']} of the learned rule)"
    counts = f"{with_model} against {found['conflicts_cues']}"
    line("  conflicts with the model / the cues alone", counts)


def onnx(bodies: int) -> None:
    found = task("onnx", bodies)
    load = found["load_average"]
    line("  full check, --embedder onnx (best of 2)", f"{found['full_s']:7.2f} s", load)
    rate = found["claims"] / found["embed_s"]
    line("  embedding pass alone, onnx (best of 2)", f"{found['embed_s']:7.2f} s, {rate:.0f} sentences/s")
    line("  report identical to torch's", "yes" if found["same_report"] else "NO")


def cache(bodies: int) -> None:
    found = task("cache", bodies)
    cold, warm = found["embed_uncached_s"], found["embed_cached_s"]
    line(f"  embedding part, {found['claims']} claims, uncached", f"{cold:7.2f} s", found["load_average"])
    line("  embedding part, cached", f"{warm:7.3f} s ({cold / warm:.0f}x faster)")
    line("  full check, cache filled", f"{found['full_cached_s']:7.2f} s")


def scaling(bodies: int) -> None:
    print(f"scaling: the first {bodies} bodies copied under new ids")
    base = None
    for factor in SCALES:
        found = task("scale", bodies, factor)
        base = base or found["full_s"]
        value = f"{found['full_s']:7.2f} s ({found['full_s'] / base:4.1f}x), {found['peak_mib']:.0f} MiB"
        line(f"  {factor}x: {found['documents']} documents, {found['claims']} claims", value, found["load_average"])


def clustering(claims: int) -> None:
    found = task("cluster", claims)
    print(f"clustering {found['claims']:,} claims: {found['base_claims']:,} corpus claims, each retold with noise")
    value = f"{found['seconds']:7.2f} s (cpu {found['cpu_s']:.0f} s), {found['peak_mib']:.0f} MiB"
    line("  time, peak resident memory of its process", value, found["load_average"])
    line("  of which the 100,000 vectors, loaded", f"{found['peak_before_mib']:7.0f} MiB")
    line("  topics (corpus alone)", f"{found['topics']:,} ({found['base_topics']:,})")
    cohesion = found["cohesion"]
    together, merged = cohesion["copies_together"], cohesion["base_topics_merged"]
    line("  copies of one claim in one topic", f"{together:7.1%}")
    line("  claims in a topic of another corpus topic", f"{merged:7.1%}")


def emergent() -> None:
    if not EMERGENT.exists():
        print(f"Emergent headlines not found at {EMERGENT}: topic agreement skipped")
        return
    found = task("emergent")
    print(f"Emergent headlines: {found['headlines']} headlines of {found['groups']} stories, {found['topics']} topics")
    line(
        "  adjusted Rand index against the stories",
        f"{found['ari']:7.3f} (full average linkage {found['ari_full_linkage']:.3f})",
    )
    line("  agreement with full average linkage (ARI)", f"{found['agreement_with_full']:7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bodies", type=int, default=100, help="FNC-1 bodies to check (default 100)")
    parser.add_argument("--scale-bodies", type=int, help="bodies copied 1x..8x (default: --bodies)")
    parser.add_argument("--claims", type=int, default=100_000, help="claims in the clustering figure")
    parser.add_argument("--quick", action="store_true", help="start-up and seed figures only")
    args = parser.parse_args()
    print(f"{dt.date.today()} · Python {platform.python_version()} · {platform.machine()} · {os.cpu_count()} cores")
    start_up()
    seed()
    if args.quick:
        return
    emergent()
    if not FNC_BODIES.exists():
        print(f"FNC-1 bodies not found at {FNC_BODIES}: corpus figures skipped")
        return
    corpus(args.bodies)
    learned(args.bodies)
    onnx(args.bodies)
    cache(args.bodies)
    scaling(args.scale_bodies or args.bodies)
    clustering(args.claims)


if __name__ == "__main__":
    main()
