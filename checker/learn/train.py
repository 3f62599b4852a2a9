"""Train the stance cross-encoder on the FNC-1 training set, reproducibly, on a CPU.

    python -m checker.learn.train --data ../shared/datasets/fnc1-train [--out checker/learn/weights]

Each pair is judged on (headline, the body's three sentences closest to it in MiniLM space). The
installed MiniLM's lower layers stay frozen, so their output is computed once per pair; the top
layers and a linear head are trained. The weights of what was trained, the settings, the data's
hashes, the validation figures and the outputs on fixed probe pairs are written to --out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

from checker.learn.data import Pair, data_files, pair_texts, read_pairs, sha256, stories
from checker.learn.encoder import PairEncoder
from checker.learn.weights import (
    LABELS,
    METADATA_FILE,
    PROBES,
    WEIGHTS_DIR,
    WEIGHTS_FILE,
    base_model_path,
)

FROZEN_HEAD_EPOCHS = 20  # a linear head over fixed features: cheap, and it has converged by then


@dataclass(frozen=True)
class Settings:
    seed: int = 20261130
    trained_layers: int = 3
    discuss: int = 4000  # pairs sampled per frequent class; every agree and disagree pair is used
    unrelated: int = 4000
    validation_modulo: int = 10  # stories whose name hashes to 0 modulo this are held out for validation
    batch: int = 16
    epochs: int = 3
    layer_rate: float = 4e-5
    head_rate: float = 1e-3
    dropout: float = 0.1
    # The disagree threshold: the most disagree pairs caught while agree pairs pass it no more often than
    # 1 - min_agree_specificity and unrelated pairs no more often than max_unrelated_alarm: the rules
    # add what the model reads confidently and stay quiet where it hesitates.
    min_agree_specificity: float = 0.9
    max_unrelated_alarm: float = 0.01


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of the FNC-1 training CSV files")
    parser.add_argument("--out", type=Path, default=WEIGHTS_DIR, help="where the weights and their record go")
    parser.add_argument("--epochs", type=int, default=Settings.epochs)
    parser.add_argument("--trained-layers", type=int, default=Settings.trained_layers)
    args = parser.parse_args(argv)
    settings = Settings(epochs=args.epochs, trained_layers=args.trained_layers)
    train(args.data, args.out, settings)
    return 0


def train(data: Path, out: Path, settings: Settings) -> dict[str, object]:
    started = time.monotonic()
    random.seed(settings.seed)
    np.random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    pairs = read_pairs(data)
    fit, held = _split(pairs, settings)
    encoder = PairEncoder(base_model_path(), settings.trained_layers)
    texts = pair_texts(fit + held, encoder.model.encode)
    _log(f"{len(fit)} training and {len(held)} validation pairs; contexts chosen ({_minutes(started)})")
    fit_batches = _cached(encoder, texts[: len(fit)], fit, settings.batch)
    held_batches = _cached(encoder, texts[len(fit) :], held, settings.batch)
    _log(f"frozen layers run once ({_minutes(started)})")
    frozen_head = _frozen_head(encoder, fit_batches, held_batches, settings, _class_weights(fit))
    _log(f"the alternative, a head over the untouched MiniLM: {json.dumps(frozen_head)} ({_minutes(started)})")
    parameters = _trainable(encoder)
    optimizer = _optimizer(encoder, parameters, settings)
    best: tuple[float, dict[str, torch.Tensor], dict[str, float]] | None = None
    history = []
    for epoch in range(settings.epochs):
        _epoch(encoder, optimizer, fit_batches, settings, epoch, _class_weights(fit))
        measured = _validate(encoder, held_batches, settings)
        history.append(measured)
        _log(f"epoch {epoch + 1}: {json.dumps(measured)} ({_minutes(started)})")
        if best is None or measured["auc_disagree_vs_agree"] > best[0]:
            state = {name: encoder.weights[name].detach().clone() for name in encoder.trained_names()}
            best = (measured["auc_disagree_vs_agree"], state, measured)
    if best is None:
        raise SystemExit("no epoch ran: --epochs must be at least 1")
    for name, tensor in best[1].items():
        encoder.weights[name] = tensor.to(torch.float16).float()  # as shipped, so the probes match a load
    record = _record(data, settings, best[2], history, encoder, time.monotonic() - started)
    record["alternatives"] = {"frozen_head": frozen_head}
    out.mkdir(parents=True, exist_ok=True)
    save_file({name: t.to(torch.float16).contiguous() for name, t in best[1].items()}, str(out / WEIGHTS_FILE))
    (out / METADATA_FILE).write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    _log(f"wrote {out / WEIGHTS_FILE} ({_minutes(started)})")
    return record


def _split(pairs: list[Pair], settings: Settings) -> tuple[list[Pair], list[Pair]]:
    """Validation pairs and a class-balanced sample of the rest for training, split by story.

    FNC-1 pairs many headlines of one claim with many bodies about it: a split by body would leave the
    held-out bodies' claims in training, and the figures would flatter the model on stories it knows.
    Stories are the connected groups of headlines and bodies joined by a related pair; an unrelated
    pair whose headline and body fall on two sides of the split is used by neither.
    """
    rng = random.Random(settings.seed)
    story = stories(pairs)
    fit: list[Pair] = []
    held: list[Pair] = []
    for pair in pairs:
        sides = {_held(story["h:" + pair.headline], settings), _held(story["b:" + pair.body_id], settings)}
        if sides == {True}:
            held.append(pair)
        elif sides == {False}:
            fit.append(pair)
    caps = {"discuss": settings.discuss, "unrelated": settings.unrelated}

    def sample(group: list[Pair], share: int) -> list[Pair]:
        chosen: list[Pair] = []
        for label in LABELS:
            of_label = [p for p in group if p.label == label]
            cap = caps.get(label)
            chosen += of_label if cap is None else rng.sample(of_label, min(len(of_label), cap // share))
        return chosen

    return sample(fit, 1), sample(held, settings.validation_modulo - 1)


def _held(story: str, settings: Settings) -> bool:
    return int(hashlib.sha256(story.encode()).hexdigest()[:8], 16) % settings.validation_modulo == 0


@dataclass
class Batch:
    hidden: torch.Tensor  # the frozen layers' output, float16
    mask: torch.Tensor
    labels: torch.Tensor


def _cached(encoder: PairEncoder, texts: list[tuple[str, str]], pairs: list[Pair], size: int) -> list[Batch]:
    """Batches of pairs of similar length, with the frozen layers already run."""
    lengths = [len(e.ids) for e in encoder.tokenizer.encode_batch(texts)]
    order = sorted(range(len(texts)), key=lambda i: (lengths[i], i))
    batches = []
    with torch.no_grad():
        for start in range(0, len(order), size):
            chosen = order[start : start + size]
            ids, mask, types = encoder.tokenize([texts[i] for i in chosen])
            hidden = encoder.lower(ids, mask, types).to(torch.float16)
            labels = torch.tensor([LABELS.index(pairs[i].label) for i in chosen])
            batches.append(Batch(hidden, mask, labels))
    return batches


def _frozen_head(
    encoder: PairEncoder, fit: list[Batch], held: list[Batch], settings: Settings, class_weights: torch.Tensor
) -> dict[str, float]:
    """The cheaper alternative, measured on the same pairs: every MiniLM layer as installed, only a
    linear head trained over the mean of its token states."""
    with torch.no_grad():
        features = [(encoder.pooled(b.hidden.float(), b.mask), b.labels) for b in fit]
        held_features = [(encoder.pooled(b.hidden.float(), b.mask), b.labels) for b in held]
    head = torch.nn.Linear(encoder.model.dimensions, len(LABELS))
    optimizer = torch.optim.AdamW(head.parameters(), lr=settings.head_rate, weight_decay=0.01)
    generator = random.Random(settings.seed)
    for _ in range(FROZEN_HEAD_EPOCHS):
        for index in generator.sample(range(len(features)), len(features)):
            inputs, labels = features[index]
            loss = F.cross_entropy(head(inputs), labels, weight=class_weights)
            optimizer.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            optimizer.step()
    with torch.no_grad():
        probabilities = torch.cat([torch.softmax(head(inputs), -1) for inputs, _ in held_features])
    labels = torch.cat([labels for _, labels in held_features])
    return figures(probabilities.numpy(), labels.numpy(), settings)


def _trainable(encoder: PairEncoder) -> list[torch.nn.Parameter]:
    width = encoder.model.dimensions
    head = torch.empty(len(LABELS), width)
    torch.nn.init.normal_(head, std=0.02)
    encoder.weights["head.weight"] = head
    encoder.weights["head.bias"] = torch.zeros(len(LABELS))
    parameters = []
    for name in encoder.trained_names():
        parameter = torch.nn.Parameter(encoder.weights[name].clone().float())
        encoder.weights[name] = parameter
        parameters.append(parameter)
    return parameters


def _class_weights(pairs: list[Pair]) -> torch.Tensor:
    """Inverse square-root frequency: the rare disagree class counts more, without swamping the rest."""
    counts = torch.tensor([max(1, sum(p.label == label for p in pairs)) for label in LABELS], dtype=torch.float32)
    weights = counts.rsqrt()
    return weights / weights.mean()


def _optimizer(encoder: PairEncoder, parameters: list[torch.nn.Parameter], settings: Settings) -> torch.optim.AdamW:
    head = {id(encoder.weights["head.weight"]), id(encoder.weights["head.bias"])}
    groups = [
        {"params": [p for p in parameters if id(p) not in head], "lr": settings.layer_rate},
        {"params": [p for p in parameters if id(p) in head], "lr": settings.head_rate},
    ]
    return torch.optim.AdamW(groups, weight_decay=0.01)


def _epoch(
    encoder: PairEncoder,
    optimizer: torch.optim.AdamW,
    batches: list[Batch],
    settings: Settings,
    epoch: int,
    class_weights: torch.Tensor,
) -> None:
    parameters = [p for group in optimizer.param_groups for p in group["params"]]
    total = len(batches) * settings.epochs
    order = list(range(len(batches)))
    random.Random(settings.seed + epoch).shuffle(order)
    for step, index in enumerate(order):
        done = (epoch * len(batches) + step) / total
        for group, rate in zip(optimizer.param_groups, (settings.layer_rate, settings.head_rate), strict=True):
            group["lr"] = rate * (1 - done)
        batch = batches[index]
        logits = encoder.upper(batch.hidden.float(), batch.mask, settings.dropout)
        loss = F.cross_entropy(logits, batch.labels, weight=class_weights)
        optimizer.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        optimizer.step()


def _validate(encoder: PairEncoder, batches: list[Batch], settings: Settings) -> dict[str, float]:
    with torch.inference_mode():
        probabilities = torch.cat([torch.softmax(encoder.upper(b.hidden.float(), b.mask), -1) for b in batches])
    labels = torch.cat([b.labels for b in batches])
    return figures(probabilities.numpy(), labels.numpy(), settings)


def figures(probabilities: np.ndarray, labels: np.ndarray, settings: Settings) -> dict[str, float]:
    """Four-way accuracy; the ROC AUC of P(disagree), disagree against agree pairs; and, at the threshold
    on P(disagree) that catches the most disagree pairs within the settings' limits on agree and unrelated
    pairs, disagree recall, agree specificity and their mean (balanced accuracy)."""
    disagree = probabilities[:, LABELS.index("disagree")]
    of = {label: disagree[labels == LABELS.index(label)] for label in LABELS}

    def above(label: str, threshold: float) -> float:
        return float((of[label] >= threshold).mean()) if len(of[label]) else 0.0

    threshold = 1.0
    for candidate in sorted(set(np.round(disagree, 3).tolist()), reverse=True):
        if above("agree", candidate) > 1 - settings.min_agree_specificity:
            break
        if above("unrelated", candidate) <= settings.max_unrelated_alarm:
            threshold = candidate
    recall, specificity = above("disagree", threshold), 1 - above("agree", threshold)
    return {
        "accuracy": round(float((probabilities.argmax(1) == labels).mean()), 4),
        "auc_disagree_vs_agree": round(auc(of["disagree"], of["agree"]), 4),
        "balanced_accuracy": round((recall + specificity) / 2, 4),
        "disagree_threshold": round(threshold, 3),
        "recall_disagree": round(recall, 4),
        "specificity_agree": round(specificity, 4),
        "alarm_unrelated": round(above("unrelated", threshold), 4),
        "alarm_discuss": round(above("discuss", threshold), 4),
    }


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """P(a positive pair scores above a negative one), ties counting half; 0.5 without both."""
    if not len(positive) or not len(negative):
        return 0.5
    above = (positive[:, None] > negative[None, :]).mean()
    ties = (positive[:, None] == negative[None, :]).mean()
    return float(above + ties / 2)


def _record(
    data: Path,
    settings: Settings,
    chosen: dict[str, float],
    history: list[dict[str, float]],
    encoder: PairEncoder,
    seconds: float,
) -> dict[str, object]:
    bodies, stances = data_files(data)
    probes = encoder.probabilities([(a, b) for a, b in PROBES]).numpy()
    return {
        "labels": list(LABELS),
        "settings": asdict(settings),
        "data": {bodies.name: sha256(bodies), stances.name: sha256(stances)},
        "base_model": sha256(base_model_path() / "model.safetensors"),
        "validation": chosen,
        "history": history,
        "disagree_threshold": chosen["disagree_threshold"],
        "probes": [[round(float(x), 4) for x in row] for row in probes],
        "training_seconds": round(seconds),
        "torch": torch.__version__,
    }


def _minutes(started: float) -> str:
    return f"{(time.monotonic() - started) / 60:.1f} min"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
