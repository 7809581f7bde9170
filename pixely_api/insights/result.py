"""The shape every Q1–Q9 result shares: per-post parts plus per-platform ranked lists.

A result stores only what merges exactly. Its fields are of three kinds, checked when
a result class is defined:

- ``publicaciones``: a list of :class:`PostPart`, merged by ``post_url``;
- ``*_por_plataforma``: ``dict[Platform, list[entry]]``, each platform's list merged by
  the entry's key, so a merged result can still be restricted to one platform;
- read-time fields (default ``None``), filled at read time and never stored (Q8's
  engagement); merging or restricting clears them.

Global figures, rankings and texts are computed fields: functions of the stored
numbers, recomputed whenever the result is built, merged or restricted, and computed
once per instance (``cached_property``: a result is frozen).
"""

from collections.abc import Hashable, Iterable
from typing import Any, ClassVar, Self, get_origin

from pydantic import BaseModel, ConfigDict, Field, computed_field

from pixely_api.insights.labels import Platform
from pixely_api.insights.merging import Additive, fuse, fuse_by_platform


class PostPart(Additive):
    """One post's figures in a result; the same post's parts from different days add up."""

    post_url: str = Field(description="URL normalizada de la publicación (clave de la fusión).")
    platform: Platform = Field(description="Red social de la publicación.")
    num_comentarios: int = Field(
        default=0, ge=0, description="Comentarios de la audiencia analizados en este post."
    )

    @property
    def key(self) -> Hashable:
        return self.post_url

    @property
    def rank(self) -> tuple[Any, ...]:
        return (self.post_url,)


class ModuleResult(BaseModel):
    """Base of ``Q1Result`` … ``Q9Result``: generic :meth:`merge` and :meth:`restrict`."""

    model_config = ConfigDict(frozen=True)

    _post_fields: ClassVar[tuple[str, ...]] = ()
    _platform_fields: ClassVar[tuple[str, ...]] = ()
    whole_tables: ClassVar[frozenset[str]] = frozenset()
    """Computed fields that list every entry of a ``*_por_plataforma`` table (every
    author, every aspect): needed to merge and rank, too large for a viewer's answer."""

    publicaciones: list[PostPart] = Field(
        default_factory=list, description="Parte por publicación, ordenada por post_url."
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        posts: list[str] = []
        platforms: list[str] = []
        for name, info in cls.model_fields.items():
            origin = get_origin(info.annotation)
            if origin is list:
                posts.append(name)
            elif origin is dict and name.endswith("_por_plataforma"):
                platforms.append(name)
            elif info.default is not None:
                raise TypeError(f"{cls.__name__}.{name}: not mergeable (see ModuleResult)")
        cls._post_fields = tuple(posts)
        cls._platform_fields = tuple(platforms)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy whose computed views are computed afresh: they are cached per instance
        (a result is frozen), and ``update`` may change what they are computed from."""
        copy = super().model_copy(update=update, deep=deep)
        for name in type(self).model_computed_fields:
            copy.__dict__.pop(name, None)
        return copy

    @classmethod
    def platform_fields(cls) -> tuple[str, ...]:
        """The ``*_por_plataforma`` fields: what merges per platform, never displayed."""
        return cls._platform_fields

    @classmethod
    def merge(cls, results: Iterable[Self]) -> Self:
        """One result from several rows (any days, any runs); no rows gives an empty one."""
        results = list(results)
        values: dict[str, Any] = {}
        for name in cls._post_fields:
            values[name] = fuse(getattr(result, name) for result in results)
        for name in cls._platform_fields:
            values[name] = fuse_by_platform(getattr(result, name) for result in results)
        return cls(**values)

    def restrict(self, platform: Platform) -> Self:
        """The same result with only one platform's posts and lists."""
        values: dict[str, Any] = {}
        for name in self._post_fields:
            values[name] = [post for post in getattr(self, name) if post.platform == platform]
        for name in self._platform_fields:
            lists = getattr(self, name)
            values[name] = {platform: lists[platform]} if platform in lists else {}
        return type(self)(**values)

    @computed_field(description="Comentarios analizados en total (suma de las publicaciones).")
    @property
    def num_comentarios(self) -> int:
        return sum(post.num_comentarios for post in self.publicaciones)

    @computed_field(description="Publicaciones cubiertas, incluidas las que no tienen comentarios.")
    @property
    def num_publicaciones(self) -> int:
        return len(self.publicaciones)
