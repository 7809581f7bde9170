"""The insight contract: Q1–Q10 result schemas, their merge, and read-time figures.

Shared by the pipeline (which stores one row per ficha, day and run), the API (which
merges the rows of any window and platform) and the dashboard. Plain Python: this
package never imports dagster or :mod:`pixely_dagster`.
"""

from pixely_api.insights.bundle import InsightResults, ModuleResults, merge_rows, summarize
from pixely_api.insights.engagement import Engagement, PostMetrics, engagement
from pixely_api.insights.evidence import Cita
from pixely_api.insights.q1_emociones import EjemploEmocion, Q1Post, Q1Result
from pixely_api.insights.q2_personalidad import Q2Post, Q2Result
from pixely_api.insights.q3_topicos import ConteoTema, Q3Post, Q3Result, TemaGlobal, TemaRelevante
from pixely_api.insights.q4_marcos_narrativos import EjemploMarco, Q4Post, Q4Result, SemanaMarcos
from pixely_api.insights.q5_influenciadores import Autor, Q5Post, Q5Result, VozClave
from pixely_api.insights.q6_oportunidades import Oportunidad, Q6Post, Q6Result
from pixely_api.insights.q7_sentimiento_detallado import Q7Post, Q7Result, ResumenSentimiento
from pixely_api.insights.q8_temporal import (
    Anomalia,
    EngagementTemporal,
    Q8Post,
    Q8Result,
    SemanaTemporal,
)
from pixely_api.insights.q9_recomendaciones import Q9Post, Q9Result, Recomendacion
from pixely_api.insights.q10_resumen_ejecutivo import Q10Result, build_resumen_ejecutivo
from pixely_api.insights.result import ModuleResult, PostPart

__all__ = [
    "Anomalia",
    "Autor",
    "Cita",
    "ConteoTema",
    "EjemploEmocion",
    "EjemploMarco",
    "Engagement",
    "EngagementTemporal",
    "InsightResults",
    "ModuleResult",
    "ModuleResults",
    "Oportunidad",
    "PostMetrics",
    "PostPart",
    "Q10Result",
    "Q1Post",
    "Q1Result",
    "Q2Post",
    "Q2Result",
    "Q3Post",
    "Q3Result",
    "Q4Post",
    "Q4Result",
    "Q5Post",
    "Q5Result",
    "Q6Post",
    "Q6Result",
    "Q7Post",
    "Q7Result",
    "Q8Post",
    "Q8Result",
    "Q9Post",
    "Q9Result",
    "Recomendacion",
    "ResumenSentimiento",
    "SemanaMarcos",
    "SemanaTemporal",
    "TemaGlobal",
    "TemaRelevante",
    "VozClave",
    "build_resumen_ejecutivo",
    "engagement",
    "merge_rows",
    "summarize",
]
