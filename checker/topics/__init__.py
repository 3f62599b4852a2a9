"""Stage 4, topics: nearest neighbours, average linkage into topics, and the claim pairs the rules look at."""

from __future__ import annotations

from checker.topics.candidates import candidate_pairs
from checker.topics.cluster import Clustering, cluster
from checker.topics.neighbours import Neighbours, nearest, search

__all__ = ["Clustering", "Neighbours", "candidate_pairs", "cluster", "nearest", "search"]
