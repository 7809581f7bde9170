"""Q10 · Resumen ejecutivo: rule-based reading of Q1–Q9, never a model call.

It is a pure function of the (merged) Q1–Q9 results, so it is not merged: the reader
rebuilds it from the merged Q1–Q9 of the window it shows (:mod:`.bundle` does), and it
always matches the figures on screen.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from pixely_api.insights.labels import Emotion, Platform
from pixely_api.insights.q6_oportunidades import Oportunidad
from pixely_api.insights.q8_temporal import Anomalia, trend_weeks
from pixely_api.insights.q9_recomendaciones import URGENCIAS, AreaEstrategica, Urgencia
from pixely_api.insights.text import decimal, enumerate_es, label, plural, quoted
from pixely_api.insights.umbrales import (
    CRITICAL_COMMENTERS,
    CRITICAL_WINDOW_SHARE,
    MIN_ALERT_COMMENTS,
)

if TYPE_CHECKING:
    from pixely_api.insights.bundle import ModuleResults

NivelAlerta = Literal["critica", "alta", "media", "ninguna"]
Modulo = Literal["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9"]

MAX_FINDINGS = 7
MAX_IMPLICATIONS = 4
ROADMAP_ACTIONS = 5
HIGH_NEGATIVE_SHARE = 30.0
"""Share of negative comments (%) that on its own deserves an alert."""


class AlertaPrioritaria(BaseModel):
    """The one thing to look at first."""

    model_config = ConfigDict(frozen=True)

    nivel: NivelAlerta = Field(description="critica / alta / media / ninguna.")
    titulo: str = Field(description="Qué pasa, en una línea.")
    detalle: str = Field(description="Las cifras que la sostienen.")
    modulo: Modulo | None = Field(default=None, description="Módulo del que sale.")


class Kpi(BaseModel):
    """A headline figure read from a Q1–Q9 field."""

    model_config = ConfigDict(frozen=True)

    nombre: str = Field(description="Nombre del indicador.")
    modulo: Modulo = Field(description="Módulo de origen.")
    campo: str = Field(description="Campo de origen, p. ej. q7.general.porcentajes.negative.")
    valor: float | None = Field(
        description="Valor numérico; null solo si el módulo no tiene datos."
    )
    texto: str = Field(description="Valor tal como se muestra.")
    unidad: str = Field(description="Unidad: %, comentarios, 0..100…")


class AccionHojaRuta(BaseModel):
    """A recommendation placed on the roadmap."""

    model_config = ConfigDict(frozen=True)

    titulo: str = Field(description="Título de la recomendación (Q9).")
    area: AreaEstrategica = Field(description="Área estratégica.")
    impacto: float = Field(description="Impacto 1..100.")
    esfuerzo: float = Field(description="Esfuerzo 1..100.")
    prioridad: float = Field(description="Impacto / esfuerzo.")


class EtapaHojaRuta(BaseModel):
    """The recommendations of one urgency band."""

    model_config = ConfigDict(frozen=True)

    urgencia: Urgencia = Field(description="48 horas / semana 1 / semanas 2–3 / no urgente.")
    acciones: list[AccionHojaRuta] = Field(description="Hasta 5, por prioridad.")


class Q10Post(BaseModel):
    """A post at a glance."""

    model_config = ConfigDict(frozen=True)

    post_url: str = Field(description="URL de la publicación.")
    platform: Platform = Field(description="Red social.")
    num_comentarios: int = Field(ge=0, description="Comentarios analizados.")
    porcentaje_positivo: float = Field(description="% de comentarios positivos (Q7).")
    porcentaje_negativo: float = Field(description="% de comentarios negativos (Q7).")
    emocion_dominante: Emotion | None = Field(description="Emoción dominante (Q1).")
    tema_principal: str | None = Field(description="Tópico más mencionado (Q3).")


class Q10Result(BaseModel):
    """The executive summary of a window."""

    model_config = ConfigDict(frozen=True)

    publicaciones: list[Q10Post] = Field(
        description="Cada publicación, por volumen de comentarios."
    )
    num_comentarios: int = Field(ge=0, description="Comentarios analizados.")
    num_publicaciones: int = Field(ge=0, description="Publicaciones cubiertas.")
    alerta_prioritaria: AlertaPrioritaria = Field(description="Alerta prioritaria.")
    hallazgos_clave: list[str] = Field(
        max_length=MAX_FINDINGS, description="5–7 hallazgos (uno sin datos)."
    )
    implicaciones: list[str] = Field(
        max_length=MAX_IMPLICATIONS, description="Qué significan para la marca."
    )
    kpis: list[Kpi] = Field(description="Indicadores leídos de Q1–Q9.")
    hoja_de_ruta: list[EtapaHojaRuta] = Field(
        description="Las cuatro bandas de urgencia, en orden."
    )


def build_resumen_ejecutivo(modules: "ModuleResults") -> Q10Result:
    """Q10 from Q1–Q9 (use the merged and platform-restricted ones the viewer sees)."""
    sources = _Sources(modules)
    return Q10Result(
        publicaciones=sources.posts(),
        num_comentarios=modules.q7.num_comentarios,
        num_publicaciones=modules.q7.num_publicaciones,
        alerta_prioritaria=sources.alert(),
        hallazgos_clave=sources.findings(),
        implicaciones=sources.implications(),
        kpis=sources.kpis(),
        hoja_de_ruta=sources.roadmap(),
    )


class _Sources:
    """Q1–Q9 with the rules that read them; one method per part of the summary."""

    def __init__(self, modules: "ModuleResults") -> None:
        self.q1, self.q2, self.q3 = modules.q1, modules.q2, modules.q3
        self.q4, self.q5, self.q6 = modules.q4, modules.q5, modules.q6
        self.q7, self.q8, self.q9 = modules.q7, modules.q8, modules.q9
        q7, q6, q8, q9 = self.q7, self.q6, self.q8, self.q9
        self.sentiment = q7.general
        self.recommendations = q9.recomendaciones
        self.opportunities = q6.oportunidades
        self.weeks = q8.serie_semanal

    def posts(self) -> list[Q10Post]:
        """Each post at a glance, busiest first: sentiment (Q7), emotion (Q1), topic (Q3)."""
        emotions = {p.post_url: p.emocion_dominante for p in self.q1.publicaciones}
        topics = {p.post_url: p.temas[0].tema for p in self.q3.publicaciones if p.temas}
        posts = [
            Q10Post(
                post_url=p.post_url,
                platform=p.platform,
                num_comentarios=p.num_comentarios,
                porcentaje_positivo=p.porcentajes["positive"],
                porcentaje_negativo=p.porcentajes["negative"],
                emocion_dominante=emotions.get(p.post_url),
                tema_principal=topics.get(p.post_url),
            )
            for p in self.q7.publicaciones
        ]
        return sorted(posts, key=lambda p: (-p.num_comentarios, p.post_url))

    def alert(self) -> AlertaPrioritaria:
        """The first rule that fires, most serious first: crisis, the main complaint (broad
        evidence; ``alta`` when it is also critical or large), a fall in net sentiment
        into the latest complete week, a 48-hour recommendation, a high negative share."""
        total = self.sentiment.num_comentarios
        if total == 0:
            return AlertaPrioritaria(
                nivel="ninguna",
                titulo="Sin alertas prioritarias",
                detalle="Sin comentarios en el periodo seleccionado.",
            )
        crisis = next((r for r in self.recommendations if r.tipo == "crisis"), None)
        if crisis is not None:
            return AlertaPrioritaria(
                nivel="critica",
                titulo=f"Señales de crisis en {_comments(crisis.casos)}",
                detalle=crisis.descripcion,
                modulo="Q9",
            )
        problem = self.main_problem()
        if problem is not None:
            return AlertaPrioritaria(
                nivel="alta"
                if problem.es_critica
                or 100.0 * problem.demanda >= 2 * CRITICAL_WINDOW_SHARE * total
                else "media",
                titulo=problem.titulo,
                detalle=problem.detalle,
                modulo="Q6",
            )
        drop = self.latest_drop()
        if drop is not None:
            return AlertaPrioritaria(
                nivel="alta",
                titulo=f"Caída del sentimiento neto en la semana {drop.semana}",
                detalle=(
                    f"El sentimiento neto pasó de {drop.valor_anterior:+.0f} puntos "
                    f"({drop.semana_anterior}) a {drop.valor_actual:+.0f} "
                    f"({drop.variacion:+.0f} puntos)."
                ),
                modulo="Q8",
            )
        urgent = [r for r in self.recommendations if r.urgencia == "48 horas"]
        if urgent:
            return AlertaPrioritaria(
                nivel="media", titulo=urgent[0].titulo, detalle=urgent[0].descripcion, modulo="Q9"
            )
        negative = self.sentiment.porcentajes["negative"]
        negatives = self.sentiment.sentimientos["negative"]
        if negative >= HIGH_NEGATIVE_SHARE and negatives >= MIN_ALERT_COMMENTS:
            return AlertaPrioritaria(
                nivel="media",
                titulo="Conversación negativa elevada",
                detalle=f"El {negative:.0f}% de los {total} comentarios es negativo.",
                modulo="Q7",
            )
        return AlertaPrioritaria(
            nivel="ninguna",
            titulo="Sin alertas prioritarias",
            detalle=f"Ningún indicador supera los umbrales de alerta en {_comments(total)}.",
        )

    def latest_drop(self) -> "Anomalia | None":
        """A fall in net sentiment into the latest complete week, if there is one."""
        complete = self.q8.semanas_completas
        for item in self.q8.anomalias:
            if (
                item.metrica == "sentimiento_neto"
                and item.variacion < 0
                and complete
                and item.semana == complete[-1]
            ):
                return item
        return None

    def main_problem(self) -> "Oportunidad | None":
        """The strongest complaint when it is broad enough to lead the summary: at least
        :data:`CRITICAL_COMMENTERS` people and :data:`CRITICAL_WINDOW_SHARE` % of the
        window's comments (an ordinary day's handful of complaints never is)."""
        total = self.sentiment.num_comentarios
        for item in self.opportunities:
            if (
                item.tipo == "queja"
                and item.personas >= CRITICAL_COMMENTERS
                and 100.0 * item.demanda >= CRITICAL_WINDOW_SHARE * total
            ):
                return item
        return None

    def findings(self) -> list[str]:
        """Up to 7 sentences in order of weight; five modules always contribute one."""
        if self.sentiment.num_comentarios == 0:
            return ["No hay comentarios de la audiencia en el periodo seleccionado."]
        rules: list[Callable[[], str | None]] = [
            self._sentiment_finding,
            lambda: self.q1.resumen,
            self._topic_finding,
            self._opportunity_finding,
            self._recommendation_finding,
            self._voices_finding,
            self._trend_finding,
            lambda: self.q2.lectura,
            self._frames_finding,
        ]
        found = [text for text in (rule() for rule in rules) if text]
        return found[:MAX_FINDINGS]

    def _sentiment_finding(self) -> str:
        s = self.sentiment.porcentajes
        return (
            f"Sentimiento: {s['positive']:.0f}% positivo, {s['negative']:.0f}% negativo, "
            f"{s['neutral']:.0f}% neutral y {s['mixed']:.0f}% mixto en "
            f"{_comments(self.sentiment.num_comentarios)} de "
            f"{plural(self.q7.num_publicaciones, 'publicación', 'publicaciones')}."
        )

    def _topic_finding(self) -> str:
        top = self.q3.temas_principales
        if not top:
            return "Los comentarios no giran en torno a ningún tema concreto."
        text = (
            f"El tema más comentado es {quoted(top[0].tema)} ({top[0].relevancia:.0f}% de los "
            f"comentarios, sentimiento {decimal(top[0].sentimiento)})."
        )
        worst = self.q3.tema_mas_negativo
        if worst and worst.tema != top[0].tema:
            text += (
                f" El peor valorado es {quoted(worst.tema)} "
                f"(sentimiento {decimal(worst.sentimiento)})."
            )
        return text

    def _opportunity_finding(self) -> str | None:
        if not self.opportunities:
            return None
        top = self.opportunities[0]
        return (
            f"Oportunidad principal: {top.titulo} (demanda {top.gap_score:.0f}/100, urgencia "
            f"{top.competencia_score:.0f}/100, actividad {top.actividad}); "
            f"{_critical(self.q6.num_criticas)}."
        )

    def _recommendation_finding(self) -> str | None:
        if not self.recommendations:
            return None
        top = self.recommendations[0]
        return (
            f"Recomendación prioritaria: {top.titulo} ({top.area}, {top.urgencia}, "
            f"prioridad {decimal(top.prioridad)})."
        )

    def _voices_finding(self) -> str | None:
        if not self.q5.num_autores:
            return None
        parts = []
        critics = self.q5.voces_criticas[:2]
        if critics:
            names = enumerate_es(
                [f"@{v.autor} ({v.detractores} de {v.num_comentarios} en contra)" for v in critics]
            )
            parts.append(f"las más críticas son {names}")
        fans = self.q5.voces_promotoras[:2]
        if fans:
            names = enumerate_es(
                [f"@{v.autor} ({v.promotores} de {v.num_comentarios} a favor)" for v in fans]
            )
            parts.append(f"las más promotoras, {names}")
        counts = self.q5.voces_por_polaridad
        lead = f"Voces: {'; '.join(parts)}; " if parts else "Voces: "
        return (
            f"{lead}{plural(counts['Promotor'], 'promotor', 'promotores')} y "
            f"{plural(counts['Detractor'], 'detractor', 'detractores')} entre "
            f"{plural(self.q5.num_autores, 'persona', 'personas')} que comentan."
        )

    def _trend_finding(self) -> str | None:
        if not trend_weeks(self.q8):
            return None
        complete = self.q8.semanas_completas
        anomalies = len(self.q8.anomalias)
        return (
            f"Tendencia: {self.q8.tendencia} ({self.q8.variacion_sentimiento_neto:+.0f} puntos de "
            f"sentimiento neto de la semana {complete[-2]} a la {complete[-1]}; "
            f"{plural(anomalies, 'anomalía semanal', 'anomalías semanales')})."
        )

    def _frames_finding(self) -> str:
        framed = sum(self.q4.marcos.values())
        if framed == 0:
            return "Ningún comentario adopta un marco narrativo claro."
        p = self.q4.porcentajes
        return (
            f"Marcos narrativos: {p['positivo']:.0f}% positivo, {p['negativo']:.0f}% negativo y "
            f"{p['aspiracional']:.0f}% aspiracional entre {_comments(framed)} con marco."
        )

    def implications(self) -> list[str]:
        """What the figures mean for the brand (up to 4), from the rules that apply."""
        total = self.sentiment.num_comentarios
        if total == 0:
            return []
        found: list[str] = []
        if self.q6.crisis:
            found.append(
                "Las señales de crisis exigen una respuesta coordinada en menos de 48 horas "
                "para que la conversación no escale."
            )
        negative = self.sentiment.porcentajes["negative"]
        if negative >= HIGH_NEGATIVE_SHARE:
            found.append(
                f"Con un {negative:.0f}% de comentarios negativos, la reputación del periodo "
                "depende de responder rápido y en público a las quejas."
            )
        if self.q6.num_criticas:
            found.append(
                f"Hay {_critical(self.q6.num_criticas)}: demanda alta y urgente que la "
                "competencia puede capitalizar si la marca no responde."
            )
        buying = next((o for o in self.opportunities if o.tipo == "intencion_compra"), None)
        if buying is not None:
            found.append(
                f"{plural(buying.personas, 'persona pregunta', 'personas preguntan')} para "
                f"comprar {quoted(buying.tema)}: son ventas posibles si se responden con precio "
                "y enlace."
            )
        problem = self.main_problem()
        if problem is not None:
            found.insert(
                0,
                f"El problema principal es {quoted(problem.tema)}: "
                f"{plural(problem.personas, 'persona se queja', 'personas se quejan')}; "
                "resolverlo pesa más que cualquier campaña.",
            )
        if self.q8.tendencia != "Estable":
            change = self.q8.variacion_sentimiento_neto
            found.append(
                f"El sentimiento neto empeora ({change:+.0f} puntos en la última semana "
                "completa): conviene revisar el contenido y la atención recientes."
                if self.q8.tendencia == "Deterioro"
                else f"El sentimiento neto mejora ({change:+.0f} puntos en la última semana "
                "completa)"
                + (
                    ", aunque el problema principal sigue abierto."
                    if problem is not None
                    else ": conviene sostener lo hecho."
                )
            )
        counts = self.q5.voces_por_polaridad
        if counts["Promotor"] > counts["Detractor"]:
            found.append(
                "Hay más voces promotoras que detractoras: una base para campañas con contenido "
                "de la propia audiencia."
            )
        if not found:
            found.append(
                "La conversación no presenta riesgos: el foco puede estar en ganar volumen y "
                "participación."
            )
        return found[:MAX_IMPLICATIONS]

    def kpis(self) -> list[Kpi]:
        """One KPI per headline field; engagement only once the reader has computed it."""
        s, q4, q5, q6, q8 = self.sentiment, self.q4, self.q5, self.q6, self.q8
        trend = f"{q8.tendencia} ({q8.variacion_sentimiento_neto:+.0f} puntos)"
        kpis = [
            self._kpi(
                "Comentarios analizados", "q7.num_comentarios", s.num_comentarios, "comentarios"
            ),
            self._kpi(
                "Sentimiento positivo", "q7.general.porcentajes.positive", s.porcentajes["positive"]
            ),
            self._kpi(
                "Sentimiento negativo", "q7.general.porcentajes.negative", s.porcentajes["negative"]
            ),
            self._emotion_kpi(),
            self._personality_kpi(),
            self._topic_kpi(),
            self._kpi("Marco positivo", "q4.porcentajes.positivo", q4.porcentajes["positivo"]),
            self._kpi(
                "Afinidad media",
                "q5.afinidad_media",
                q5.afinidad_media,
                "0..100",
                text=f"{q5.afinidad_media:.0f}/100",
            ),
            self._kpi(
                "Voces detractoras",
                "q5.voces_por_polaridad.Detractor",
                q5.voces_por_polaridad["Detractor"],
                "voces",
            ),
            self._kpi(
                "Oportunidades críticas", "q6.num_criticas", q6.num_criticas, "oportunidades"
            ),
            self._kpi(
                "Tendencia del sentimiento",
                "q8.tendencia",
                q8.variacion_sentimiento_neto,
                "puntos",
                text=trend,
                data=trend_weeks(q8),
            ),
        ]
        if q8.engagement is not None:
            general = q8.engagement.general
            text = (
                f"{decimal(100 * general.valor)}% de interacción por visualización"
                if general.tipo == "tasa"
                else f"{decimal(general.valor, 1)} interacciones por publicación"
            )
            kpis.append(
                self._kpi(
                    "Engagement",
                    "q8.engagement.general.valor",
                    general.valor,
                    general.tipo,
                    text=text,
                    data=general.num_posts,
                )
            )
        urgent = self.q9.por_urgencia["48 horas"]
        kpis.append(
            self._kpi("Acciones en 48 horas", "q9.por_urgencia.48 horas", urgent, "recomendaciones")
        )
        return kpis

    def _kpi(
        self,
        name: str,
        field: str,
        value: float,
        unit: str = "%",
        text: str | None = None,
        data: int | None = None,
    ) -> Kpi:
        """A KPI read from ``field`` (``q7.…``), or 'Sin datos' when its source has no
        comments (``data`` replaces that count, e.g. posts with metrics for engagement)."""
        module = field.split(".")[0]
        count = getattr(self, module).num_comentarios if data is None else data
        common = {"nombre": name, "modulo": module.upper(), "campo": field, "unidad": unit}
        if count == 0:
            return Kpi(**common, valor=None, texto="Sin datos")
        default = f"{value:.0f}%" if unit == "%" else f"{value:.0f}"
        return Kpi(**common, valor=float(value), texto=text or default)

    def _emotion_kpi(self) -> Kpi:
        emotion = self.q1.emocion_dominante
        value = self.q1.intensidades[emotion] if emotion else 0.0
        text = f"{label(emotion).capitalize()} ({decimal(value)})" if emotion else ""
        return self._kpi(
            "Emoción dominante",
            "q1.emocion_dominante",
            value,
            "0..1",
            text or "Sin emoción marcada",
        )

    def _personality_kpi(self) -> Kpi:
        dims = self.q2.dimensiones_dominantes
        value = self.q2.puntuaciones[dims[0]] if dims else 0.0
        text = f"{label(dims[0]).capitalize()} ({value:.0f}/100)" if dims else ""
        return self._kpi(
            "Personalidad dominante",
            "q2.dimensiones_dominantes",
            value,
            "0..100",
            text or "Sin señales de personalidad",
        )

    def _topic_kpi(self) -> Kpi:
        top = self.q3.temas_principales
        value = top[0].relevancia if top else 0.0
        text = f"{quoted(top[0].tema)} ({value:.0f}% de los comentarios)" if top else ""
        return self._kpi(
            "Tema principal", "q3.temas_principales", value, "%", text or "Sin temas identificados"
        )

    def roadmap(self) -> list[EtapaHojaRuta]:
        """Q9's recommendations in their urgency bands, every band present."""
        stages = []
        for band in URGENCIAS:
            actions = [
                AccionHojaRuta(
                    titulo=r.titulo,
                    area=r.area,
                    impacto=r.impacto,
                    esfuerzo=r.esfuerzo,
                    prioridad=r.prioridad,
                )
                for r in self.recommendations
                if r.urgencia == band
            ]
            stages.append(EtapaHojaRuta(urgencia=band, acciones=actions[:ROADMAP_ACTIONS]))
        return stages


def _comments(count: int) -> str:
    return plural(count, "comentario", "comentarios")


def _critical(count: int) -> str:
    return plural(count, "oportunidad crítica", "oportunidades críticas")
