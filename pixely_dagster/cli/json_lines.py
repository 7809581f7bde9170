"""Annotations as JSON lines for ``pixely annotate``, written without a dict per line.

The output is byte for byte what ``json.dumps({"text": text, **annotation.model_dump(
mode="json")}, ensure_ascii=False)`` writes (the same separators, string escaping and
float repr as the json module), but each value is written straight from the model by a
writer chosen by its type, in C-level loops: dumping to a dict and encoding it cost more
per line than reading the comment. Nested score models are shared between annotations,
so each is written once.
"""

import math
from collections.abc import Callable
from functools import cache
from json.encoder import encode_basestring
from operator import attrgetter, call
from typing import Any

from pydantic import BaseModel

Writer = Callable[[Any], str]
WRITTEN_LIMIT = 100_000
_written: dict[int, tuple[BaseModel, str]] = {}
"""id of a nested model → (the model, kept so that the id stays its own; its JSON)."""


@cache
def _layout(model: type[BaseModel]) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """The ``"name": `` keys of the fields ``model_dump`` writes, in its order, and a getter
    of their values."""
    names = [name for name, info in model.model_fields.items() if not info.exclude]
    getter = attrgetter(*names) if len(names) > 1 else (lambda item: (getattr(item, names[0]),))
    return tuple(f"{encode_basestring(name)}: " for name in names), getter


def _members(model: BaseModel) -> str:
    """``"a": 1, "b": 2`` for the model's fields (an object without its braces)."""
    keys, values = _layout(type(model))
    items = values(model)
    return ", ".join(
        map(str.__add__, keys, map(call, map(_writers.__getitem__, map(type, items)), items))
    )


_float_texts: dict[float, str] = {}


def _float(item: float) -> str:
    """Scores have four decimals and recur, so each is written once; zero is written each
    time, as ``0.0 == -0.0`` would share one text between the two."""
    if not item:
        return float.__repr__(item)
    try:
        return _float_texts[item]
    except KeyError:
        text = float.__repr__(item) if math.isfinite(item) else "null"
        if len(_float_texts) < WRITTEN_LIMIT:
            _float_texts[item] = text
        return text


def _sequence(items: tuple[Any, ...] | list[Any]) -> str:
    return "[" + ", ".join(map(call, map(_writers.__getitem__, map(type, items)), items)) + "]"


def _nested(model: BaseModel) -> str:
    try:
        return _written[id(model)][1]
    except KeyError:
        pass
    text = "{" + _members(model) + "}"
    if len(_written) < WRITTEN_LIMIT:
        _written[id(model)] = (model, text)
    return text


def _mapping(item: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{encode_basestring(k)}: {value(v)}" for k, v in item.items()) + "}"


class _Writers(dict[type, Writer]):
    """Type → its writer; a pydantic model class or a dict subclass is placed on first use."""

    def __missing__(self, kind: type) -> Writer:
        if issubclass(kind, BaseModel):
            writer: Writer = _nested
        elif issubclass(kind, dict):
            writer = _mapping
        else:
            raise TypeError(f"no JSON form for {kind.__name__}")
        self[kind] = writer
        return writer


_writers = _Writers(
    {
        str: encode_basestring,
        float: _float,
        bool: ("false", "true").__getitem__,
        type(None): {None: "null"}.__getitem__,
        int: int.__repr__,
        tuple: _sequence,
        list: _sequence,
    }
)


def value(item: Any) -> str:
    """One value as ``model_dump(mode="json")`` then the json module write it."""
    return _writers[type(item)](item)


def line(text: str, annotation: BaseModel) -> str:
    """``{"text": …, <every field of the annotation>}`` and a newline."""
    return f'{{"text": {encode_basestring(text)}, {_members(annotation)}}}\n'
