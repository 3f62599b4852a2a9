"""Plain-text tables of evaluation figures."""

from __future__ import annotations

from checker.eval.emergent import EmergentResult
from checker.eval.fnc1 import Fnc1Result


def emergent_table(result: EmergentResult) -> str:
    lines = [
        f"Emergent: {result.headlines} headlines in {result.groups} claim groups",
        f"  headline stance accuracy   {result.stance_accuracy:.3f}",
        f"  group conflict P / R / F1  {result.group_precision:.3f} / {result.group_recall:.3f} / "
        f"{result.group_f1:.3f}  ({result.groups_truly_conflicting} groups hold for and against)",
        f"  topic ARI (all headlines)  {result.topic_ari:.3f} (stories), {result.matter_ari:.3f} (matters)",
        "  headline pairs in one group that became conflicts:",
    ]
    lines += [
        f"    {kind:<14} {c.conflicting:>5} of {c.pairs:<5} ({c.conflicting / c.pairs if c.pairs else 0:.1%})"
        for kind, c in result.pair_conflicts.items()
    ]
    labels = result.stance_labels
    lines.append("  stance confusion (rows gold, columns predicted):")
    lines.append("    " + " " * 10 + "".join(f"{label:>10}" for label in labels))
    lines += [
        f"    {gold:<10}" + "".join(f"{n:>10}" for n in row)
        for gold, row in zip(labels, result.stance_confusion, strict=True)
    ]
    return "\n".join(lines)


def fnc1_table(result: Fnc1Result) -> str:
    return "\n".join(
        [
            f"FNC-1: {result.agree} agree, {result.disagree} disagree, {result.unrelated} unrelated pairs",
            f"  recall on disagree         {result.recall_disagree:.3f}",
            f"  specificity on agree       {result.specificity_agree:.3f}",
            f"  balanced accuracy          {result.balanced_accuracy:.3f}",
            f"  false alarms, unrelated    {result.false_alarm_unrelated:.3f}",
            f"  shared topic, unrelated    {result.shared_topic_unrelated:.3f}",
        ]
    )
