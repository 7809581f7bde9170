"""Annotations as JSON lines for ``pixely annotate``, written without a dict per line.

The output is byte for byte what ``json.dumps({"text": text, **annotation.model_dump(
mode="json")}, ensure_ascii=False)`` writes (the same separators, string escaping and
float repr as the json module), but each value is written straight from the model by a
writer chosen once per field from its declared type, into one template per model:
dumping to a dict and encoding it cost more per line than reading the comment. Nested
score models are shared between annotations, so each is written once, and a label, flag
or tuple of topics that recurs is one dict hit.
"""

import math
from collections.abc import Callable
from functools import cache
from json.encoder import encode_basestring
from operator import attrgetter, call
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from pixely_dagster.analysis.offline.memo import Memo

Writer = Callable[[Any], str]
WRITTEN_LIMIT = 100_000
_written: dict[int, tuple[BaseModel, str]] = {}
"""id of a nested model → (the model, kept so that the id stays its own; its JSON)."""


@cache
def _layout(model: type[BaseModel]) -> tuple[str, tuple[Writer, ...], Callable[[Any], Any]]:
    """The ``"name": %s, …`` template of the fields ``model_dump`` writes, in its order, a
    writer per field and a getter of their values."""
    fields = [(name, info) for name, info in model.model_fields.items() if not info.exclude]
    template = ", ".join(f"{encode_basestring(name).replace('%', '%%')}: %s" for name, _ in fields)
    writers = tuple(_field_writer(info.annotation) for _, info in fields)
    names = [name for name, _ in fields]
    getter = attrgetter(*names) if len(names) > 1 else (lambda item: (getattr(item, names[0]),))
    return template, writers, getter


def _field_writer(annotation: Any) -> Writer:
    """The writer of one field, chosen once from its declared type.

    A field whose equal values always have the same JSON (labels, flags, tuples of
    words) keeps each value's text, so a recurring value is one dict hit; a float field
    is not among them, as ``0.0 == -0.0`` would share one text between the two.
    """
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _nested
    if annotation is float:
        return _float
    if _same_text_when_equal(annotation):
        return Memo(value, WRITTEN_LIMIT).__getitem__
    return value


def _same_text_when_equal(annotation: Any) -> bool:
    """Whether two equal values of this type are always written alike (``1 == True``)."""
    origin = get_origin(annotation)
    if annotation in (str, bool, type(None)):
        return True
    if origin is Literal:
        return all(isinstance(choice, str) for choice in get_args(annotation))
    if origin in (Union, UnionType):
        return all(_same_text_when_equal(member) for member in get_args(annotation))
    if origin is tuple:
        return get_args(annotation) == (str, Ellipsis)
    return False


def _members(model: BaseModel) -> str:
    """``"a": 1, "b": 2`` for the model's fields (an object without its braces)."""
    template, writers, values = _layout(type(model))
    return template % tuple(map(call, writers, values(model)))


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
