"""What the data models show of themselves."""

from __future__ import annotations

import pytest

from checker.models import Quantity


@pytest.mark.parametrize(
    ("text", "unit", "label"),
    [
        ("nearly 11,000", "soldiers", "nearly 11,000 soldiers"),
        ("51.5 percent", "percent", "51.5 percent"),
        ("20%", "percent", "20%"),
        ("$20,000", "usd", "$20,000"),
        ("62", None, "62"),
    ],
)
def test_a_figure_is_shown_with_its_unit_once(text: str, unit: str | None, label: str) -> None:
    quantity = Quantity(text=text, value=1.0, low=1.0, high=1.0, approx=False, unit=unit)
    assert quantity.label == label
