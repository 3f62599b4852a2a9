"""Evaluation on labelled data: Emergent (headline stance, group conflicts, topics) and FNC-1."""
