"""The MiniLM sentence encoder run with torch alone, from the files of the model package.

Importing sentence-transformers and transformers takes about 3 s, longer than checking a short
article, and only serves to assemble what the package's modules.json describes: a six-layer BERT,
mean pooling over tokens, L2 normalisation. That is run here directly, with the same tokenizer
file, weights and maximum length, and texts batched longest first as sentence-transformers does.
The vectors agree with sentence-transformers' to float32 rounding (tests/test_embed.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from safetensors import SafetensorError
from safetensors.torch import load_file
from tokenizers import Encoding, Tokenizer

from checker.embed.base import Vectors

# Small batches of texts of similar length carry little padding: on news sentences, one torch thread
# embeds batches of 8 with 12 % less CPU than batches of 32 (docs/benchmarks.md).
BATCH_SIZE = 8
EXPECTED_MODULES = [
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
]
OTHER_POOLING = ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens")
MASK_FLOOR = 1e-9  # sentence-transformers' guard against a division by zero in mean pooling
# Below this many tokens a batch runs on one thread: waking the others costs more than it saves,
# and on a busy machine a waiting worker spins for milliseconds. Vectors do not depend on it.
SMALL_BATCH_TOKENS = 512


class LayoutError(ValueError):
    """The model files are not the BERT + mean pooling + normalisation this encoder runs."""


class MiniLM:
    def __init__(self, path: Path) -> None:
        config = _read_json(path / "config.json")
        _check_layout(path, config)
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.dimensions = int(config["hidden_size"])
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(
            max_length=int(_read_json(path / "sentence_bert_config.json")["max_seq_length"])
        )
        self.tokenizer.enable_padding(pad_id=int(config["pad_token_id"]), pad_token="[PAD]")
        try:
            self.weights = load_file(str(path / "model.safetensors"))
        except SafetensorError as error:
            raise LayoutError(f"model.safetensors is unreadable: {error}") from None
        missing = sorted(set(self._names()) - set(self.weights))
        if missing:
            raise LayoutError(f"model.safetensors lacks {missing[0]}")

    def _names(self) -> list[str]:
        embeddings = ["word_embeddings", "position_embeddings", "token_type_embeddings"]
        parts = ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"]
        parts += ["attention.output.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm"]
        names = [f"embeddings.{e}.weight" for e in embeddings] + [
            "embeddings.LayerNorm.weight",
            "embeddings.LayerNorm.bias",
        ]
        for layer in range(self.layers):
            names += [f"encoder.layer.{layer}.{p}.{kind}" for p in parts for kind in ("weight", "bias")]
        return names

    def encode(self, texts: list[str]) -> Vectors:
        """Unit-length vectors, one row per text; batches hold texts of similar length."""
        return in_batches(texts, self.dimensions, lambda batch: self._forward(batch).numpy())

    @torch.inference_mode()
    def _forward(self, texts: list[str]) -> torch.Tensor:
        encodings = self.tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encodings])
        if ids.numel() >= SMALL_BATCH_TOKENS:
            return self._pooled(ids, encodings)
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return self._pooled(ids, encodings)
        finally:
            torch.set_num_threads(threads)

    def _pooled(self, ids: torch.Tensor, encodings: list[Encoding]) -> torch.Tensor:
        mask = torch.tensor([e.attention_mask for e in encodings])
        types = torch.tensor([e.type_ids for e in encodings])
        return self.pooled(ids, mask, types)

    def pooled(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
        """Unit-length mean-pooled vectors of a padded batch of token ids."""
        hidden = self.embed_tokens(ids, types)
        attend = mask.bool()[:, None, None, :]
        for layer in range(self.layers):
            hidden = self.layer(hidden, attend, f"encoder.layer.{layer}.")
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=MASK_FLOOR)
        return F.normalize(pooled, p=2, dim=1)

    def embed_tokens(self, ids: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
        w = self.weights
        positions = w["embeddings.position_embeddings.weight"][: ids.shape[1]].unsqueeze(0)
        summed = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.token_type_embeddings.weight"][types]
        return self._norm(summed + positions, "embeddings.LayerNorm")

    def layer(self, hidden: torch.Tensor, attend: torch.Tensor, prefix: str) -> torch.Tensor:
        batch, length, width = hidden.shape
        shape = (batch, length, self.heads, width // self.heads)
        query, key, value = (
            self._linear(hidden, f"{prefix}attention.self.{name}").view(shape).transpose(1, 2)
            for name in ("query", "key", "value")
        )
        attended = F.scaled_dot_product_attention(query, key, value, attn_mask=attend)
        attended = attended.transpose(1, 2).reshape(batch, length, width)
        hidden = self._norm(
            self._linear(attended, f"{prefix}attention.output.dense") + hidden, f"{prefix}attention.output.LayerNorm"
        )
        inner = F.gelu(self._linear(hidden, f"{prefix}intermediate.dense"))
        return self._norm(self._linear(inner, f"{prefix}output.dense") + hidden, f"{prefix}output.LayerNorm")

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.linear(x, self.weights[f"{name}.weight"], self.weights[f"{name}.bias"])

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        weight, bias = self.weights[f"{name}.weight"], self.weights[f"{name}.bias"]
        return F.layer_norm(x, (self.dimensions,), weight, bias, self.eps)


def in_batches(texts: list[str], dimensions: int, forward: Callable[[list[str]], Vectors]) -> Vectors:
    """`forward` over batches of BATCH_SIZE texts of similar length (longest first), rows in input order."""
    rows = np.zeros((len(texts), dimensions), dtype=np.float32)
    order = np.argsort([-len(text) for text in texts])
    for start in range(0, len(texts), BATCH_SIZE):
        batch = order[start : start + BATCH_SIZE]
        rows[batch] = forward([texts[i] for i in batch])
    return rows


def _read_json(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LayoutError(f"{path.name} is not a JSON object")
    return data


def _check_layout(path: Path, config: dict[str, Any]) -> None:
    modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
    pooling = _read_json(path / "1_Pooling" / "config.json")
    types = [m.get("type") for m in modules if isinstance(m, dict)] if isinstance(modules, list) else []
    expected = (
        config.get("model_type") == "bert"
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and types == EXPECTED_MODULES
        and pooling.get("pooling_mode_mean_tokens") is True
        and not any(pooling.get(mode) for mode in OTHER_POOLING)
    )
    if not expected:
        raise LayoutError("expected BERT with mean pooling and normalisation")
