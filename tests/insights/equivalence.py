"""Compare results as the API would serve them, with a tolerance for float re-weighting."""

import math
from typing import Any

from pydantic import BaseModel

TOLERANCE = 1e-9


def dump(result: BaseModel) -> Any:
    """What a reader sees: stored fields and every computed view, as JSON values."""
    return result.model_dump(mode="json")


def assert_equivalent(left: Any, right: Any, path: str = "$") -> None:
    """Equal JSON values, floats within :data:`TOLERANCE`; the failure names the path."""
    if isinstance(left, float) or isinstance(right, float):
        assert isinstance(left, int | float) and isinstance(right, int | float), path
        assert math.isclose(left, right, rel_tol=TOLERANCE, abs_tol=TOLERANCE), (
            f"{path}: {left} != {right}"
        )
    elif isinstance(left, dict):
        assert isinstance(right, dict) and left.keys() == right.keys(), (
            f"{path}: keys {sorted(left)} != {sorted(right) if isinstance(right, dict) else right}"
        )
        for key in left:
            assert_equivalent(left[key], right[key], f"{path}.{key}")
    elif isinstance(left, list):
        assert isinstance(right, list) and len(left) == len(right), (
            f"{path}: {len(left)} items != {len(right) if isinstance(right, list) else right}"
        )
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            assert_equivalent(a, b, f"{path}[{index}]")
    else:
        assert left == right, f"{path}: {left!r} != {right!r}"


def assert_same_result(left: BaseModel, right: BaseModel) -> None:
    """Two results that serve the same JSON (up to float noise)."""
    assert type(left) is type(right)
    assert_equivalent(dump(left), dump(right))
