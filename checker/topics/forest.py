"""Disjoint sets over any hashable nodes (union-find with path halving): what joins what, transitively."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

Node = TypeVar("Node", bound=Hashable)


class Forest(Generic[Node]):
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def root(self, node: Node) -> Node:
        """The representative of `node`'s set; a node not seen yet starts a set of its own."""
        parent = self.parent
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(self, child: Node, parent: Node) -> None:
        """One set of the two; `parent`'s representative represents it."""
        self.parent[self.root(child)] = self.root(parent)
