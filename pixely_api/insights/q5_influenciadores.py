"""Q5 · Influenciadores: the key voices among the commenters.

Stored per author (per platform): comments, mentions and replies received, mentions
made, and the sums of stance and expertise. Authority and centrality are computed
from those counts over the merged set (never stored as scores), affinity from the
mean stance. A reply is a comment that starts with ``@someone``; it counts as a
mention of that person too.
"""

from collections.abc import Hashable, Sequence
from functools import cached_property
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import Platform
from pixely_api.insights.merging import Additive, fuse, ratio
from pixely_api.insights.result import ModuleResult, PostPart

Polaridad = Literal["Detractor", "Neutral", "Promotor"]
POLARIDADES: tuple[Polaridad, ...] = ("Detractor", "Neutral", "Promotor")

STANCE_THRESHOLD = 0.2
"""A comment promotes the brand from stance +0.2, attacks it from −0.2."""
PROMOTER_AFFINITY = 50 + 50 * STANCE_THRESHOLD
DETRACTOR_AFFINITY = 50 - 50 * STANCE_THRESHOLD
KEY_VOICES = 10
AUTHORITY_WEIGHTS = {"alcance": 0.45, "experiencia": 0.30, "actividad": 0.25}
"""Authority = reach (mentions + replies received), expertise shown, activity."""


def affinity(stance_sum: float, comments: int) -> float:
    """0 (detractor) .. 100 (promoter) from the mean stance −1..1; 50 without comments."""
    return 50.0 + 50.0 * ratio(stance_sum, comments)


def polarity(affinity_value: float) -> Polaridad:
    """Detractor ≤ 40 < Neutral < 60 ≤ Promotor."""
    if affinity_value >= PROMOTER_AFFINITY:
        return "Promotor"
    if affinity_value <= DETRACTOR_AFFINITY:
        return "Detractor"
    return "Neutral"


def stance_side(promoting: int, detracting: int, leaving: int) -> Polaridad:
    """Which side an author is on: the side most of their stanced comments take; a
    customer who says they are leaving is a detractor unless they praise more."""
    if leaving and detracting >= promoting:
        return "Detractor"
    if promoting > detracting:
        return "Promotor"
    if detracting > promoting:
        return "Detractor"
    return "Neutral"


def author_rank(author: str, comments: int, mentioned: int, replied: int) -> tuple[Any, ...]:
    """Which authors a row keeps: most mentioned and answered, then most active."""
    return (-(mentioned + replied), -comments, author)


class Q5Post(PostPart):
    """Conversation figures of one post."""

    menciones: int = Field(
        default=0, ge=0, description="@menciones a otros usuarios en sus comentarios."
    )
    respuestas: int = Field(
        default=0, ge=0, description="Comentarios que responden a otro usuario."
    )
    suma_postura: float = Field(default=0.0, description="Suma de la postura −1..1 hacia la marca.")
    promotores: int = Field(default=0, ge=0, description="Comentarios con postura ≥ 0,2.")
    detractores: int = Field(default=0, ge=0, description="Comentarios con postura ≤ −0,2.")

    @computed_field(description="Afinidad media 0..100 (0 detractor, 100 promotor).")
    @property
    def afinidad_media(self) -> float:
        return affinity(self.suma_postura, self.num_comentarios)


class Autor(Additive):
    """One commenter's stored counts (also users only mentioned, with zero comments)."""

    autor: str = Field(description="Usuario (minúsculas, sin '@').")
    num_comentarios: int = Field(default=0, ge=0, description="Comentarios que escribió.")
    menciones_recibidas: int = Field(
        default=0, ge=0, description="Comentarios de otros que le mencionan."
    )
    respuestas_recibidas: int = Field(
        default=0, ge=0, description="De ellos, los que le responden (empiezan por @usuario)."
    )
    menciones_hechas: int = Field(
        default=0, ge=0, description="@menciones a otros en sus comentarios."
    )
    suma_postura: float = Field(
        default=0.0, description="Suma de la postura −1..1 de sus comentarios."
    )
    suma_experiencia: float = Field(
        default=0.0, ge=0, description="Suma del conocimiento 0..1 que muestran sus comentarios."
    )
    promotores: int = Field(default=0, ge=0, description="Sus comentarios con postura ≥ 0,2.")
    detractores: int = Field(
        default=0, ge=0, description="Sus comentarios con postura ≤ −0,2 (incluye salidas)."
    )
    salidas: int = Field(
        default=0, ge=0, description="Sus comentarios que anuncian que deja de comprar."
    )
    evidencia_a_favor: Cita | None = Field(
        default=None, description="Su comentario más claramente a favor de la marca."
    )
    evidencia_en_contra: Cita | None = Field(
        default=None,
        description="Su comentario más claramente en contra: una salida, o el de postura más "
        "negativa.",
    )
    evidencia: Cita | None = Field(
        default=None,
        description="Filas anteriores a la evidencia por lado: su comentario de postura más "
        "marcada, fuera cual fuera su lado.",
    )

    @property
    def key(self) -> Hashable:
        return self.autor

    @property
    def rank(self) -> tuple[Any, ...]:
        return author_rank(
            self.autor, self.num_comentarios, self.menciones_recibidas, self.respuestas_recibidas
        )

    @computed_field(description="Afinidad 0..100 con la marca.")
    @property
    def afinidad(self) -> float:
        return affinity(self.suma_postura, self.num_comentarios)

    @property
    def quote(self) -> Cita | None:
        """The quote that shows this author's side: a detractor is quoted against the
        brand, a promoter for it, a neutral voice by their clearest comment (rows stored
        before the per-side quotes have only that one)."""
        side = self.polaridad
        if side == "Promotor" and self.evidencia_a_favor is not None:
            return self.evidencia_a_favor
        if side == "Detractor" and self.evidencia_en_contra is not None:
            return self.evidencia_en_contra
        sides = [q for q in (self.evidencia_a_favor, self.evidencia_en_contra) if q is not None]
        return Cita.combine(sides) if sides else self.evidencia

    @computed_field(
        description="Detractor / Neutral / Promotor: el lado de la mayoría de sus comentarios "
        "con postura (≥ 0,2 a favor, ≤ −0,2 en contra); quien dice que se va es detractor."
    )
    @property
    def polaridad(self) -> Polaridad:
        return stance_side(self.promotores, self.detractores, self.salidas)


class VozClave(BaseModel):
    """A key voice as shown, with authority and centrality relative to the voices in scope."""

    model_config = ConfigDict(frozen=True)

    autor: str = Field(description="Usuario (sin '@').")
    autoridad: float = Field(ge=0, le=100, description="0..100: alcance, experiencia y actividad.")
    afinidad: float = Field(ge=0, le=100, description="0..100 (detractor…promotor).")
    centralidad: float = Field(
        ge=0, le=100, description="0..100: sus enlaces frente al más conectado."
    )
    menciones: int = Field(ge=0, description="Comentarios de otros que le mencionan.")
    respuestas: int = Field(ge=0, description="Respuestas que recibe.")
    num_comentarios: int = Field(ge=0, description="Comentarios que escribió.")
    polaridad: Polaridad = Field(description="Detractor / Neutral / Promotor.")
    promotores: int = Field(default=0, ge=0, description="Sus comentarios a favor de la marca.")
    detractores: int = Field(default=0, ge=0, description="Sus comentarios en contra.")
    evidencia: Cita | None = Field(
        default=None,
        description="Cita literal de su lado: en contra si es detractora, a favor si es promotora.",
    )


def voice_rank(voice: VozClave) -> tuple[Any, ...]:
    """Key voices: whoever takes the clearest stance most often (critics and promoters
    alike), then the most active, then the most mentioned and answered."""
    return (
        -max(voice.promotores, voice.detractores),
        -voice.num_comentarios,
        -(voice.menciones + voice.respuestas),
        voice.autor,
    )


def key_voices(authors: Sequence[Autor]) -> list[VozClave]:
    """Every commenter scored against the others, in :func:`voice_rank` order."""
    voices = [a for a in authors if a.num_comentarios > 0]
    if not voices:
        return []
    most_comments = max(a.num_comentarios for a in voices)
    most_reach = max(a.menciones_recibidas + a.respuestas_recibidas for a in voices)
    most_links = max(
        a.menciones_recibidas + a.respuestas_recibidas + a.menciones_hechas for a in voices
    )
    scored = []
    for a in voices:
        reach = a.menciones_recibidas + a.respuestas_recibidas
        expertise = min(1.0, ratio(a.suma_experiencia, a.num_comentarios))
        authority = 100.0 * (
            AUTHORITY_WEIGHTS["alcance"] * ratio(reach, most_reach)
            + AUTHORITY_WEIGHTS["experiencia"] * expertise
            + AUTHORITY_WEIGHTS["actividad"] * ratio(a.num_comentarios, most_comments)
        )
        scored.append(
            VozClave(
                autor=a.autor,
                autoridad=min(100.0, authority),
                afinidad=max(0.0, min(100.0, a.afinidad)),
                centralidad=100.0 * ratio(reach + a.menciones_hechas, most_links),
                menciones=a.menciones_recibidas,
                respuestas=a.respuestas_recibidas,
                num_comentarios=a.num_comentarios,
                polaridad=a.polaridad,
                promotores=a.promotores,
                detractores=a.detractores,
                evidencia=a.quote,
            )
        )
    scored.sort(key=voice_rank)
    return scored


def _side(voices: Sequence[VozClave], polaridad: Polaridad, field: str) -> list[VozClave]:
    found = [v for v in voices if v.polaridad == polaridad and getattr(v, field) > 0]
    found.sort(key=lambda v: (-getattr(v, field), -v.num_comentarios, v.autor))
    return found[:KEY_VOICES]


class Q5Result(ModuleResult):
    """Q5 for a set of rows."""

    whole_tables: ClassVar[frozenset[str]] = frozenset({"autores"})

    publicaciones: list[Q5Post] = Field(
        default_factory=list, description="Conversación por publicación, ordenada por post_url."
    )
    autores_por_plataforma: dict[Platform, list[Autor]] = Field(
        default_factory=dict, description="Por plataforma, todos los autores con sus conteos."
    )

    @computed_field(description="Autores de todas las plataformas, combinados por usuario.")
    @cached_property
    def autores(self) -> list[Autor]:
        return fuse(self.autores_por_plataforma.values())

    @computed_field(description="Hasta 10 voces clave: las posturas más repetidas.")
    @cached_property
    def voces_clave(self) -> list[VozClave]:
        return key_voices(self.autores)[:KEY_VOICES]

    @computed_field(description="Los detractores más activos: más comentarios en contra.")
    @cached_property
    def voces_criticas(self) -> list[VozClave]:
        return _side(self.voces, "Detractor", "detractores")

    @computed_field(description="Los promotores más activos: más comentarios a favor.")
    @cached_property
    def voces_promotoras(self) -> list[VozClave]:
        return _side(self.voces, "Promotor", "promotores")

    @cached_property
    def voces(self) -> list[VozClave]:
        """Every commenter as a scored voice."""
        return key_voices(self.autores)

    @computed_field(description="Personas que comentan en el periodo.")
    @cached_property
    def num_autores(self) -> int:
        return sum(1 for author in self.autores if author.num_comentarios > 0)

    @computed_field(description="Todos los autores con comentarios, por polaridad.")
    @cached_property
    def voces_por_polaridad(self) -> dict[Polaridad, int]:
        counts = dict.fromkeys(POLARIDADES, 0)
        for author in self.autores:
            if author.num_comentarios > 0:
                counts[author.polaridad] += 1
        return counts

    @computed_field(description="Afinidad media 0..100 de todos los comentarios.")
    @cached_property
    def afinidad_media(self) -> float:
        return affinity(sum(p.suma_postura for p in self.publicaciones), self.num_comentarios)
