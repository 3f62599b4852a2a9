"""Stage 5, rules: pairwise checks that find conflicts between claims of one matter.

Each rule is a module that registers one function with `@rule`; `checker rules` lists them.
"""

from __future__ import annotations

from checker.rules import confirmation, denial, learned, nli, numeric, schedule, update
from checker.rules.base import Finding, RuleContext
from checker.rules.registry import Rule, all_rules, rule, run, select

BUILTIN = (confirmation, denial, learned, nli, numeric, schedule, update)

__all__ = ["BUILTIN", "Finding", "Rule", "RuleContext", "all_rules", "rule", "run", "select"]
