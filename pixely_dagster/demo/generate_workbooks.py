"""Deterministic generator of the bundled demo workbooks (one ``.xlsx`` per demo ficha).

The demo must look like a real client's sheet: ~60 days of Instagram, TikTok and
Facebook posts, Spanish comments in Peruvian or Mexican register (slang, typos,
emojis, sarcasm, @mentions, a few in English), brand replies, a recurring issue
in one stretch of weeks so Q8 shows a trend and anomalies, and a handful of bad
rows so the quarantine has something to show. Comments are composed from
templates × fillers × "roughening" (no accents, shorthand, elongations) so the
texts are many and varied rather than a few repeated strings.

Everything is drawn from one seeded ``random.Random`` through ``random()`` only,
the one method whose sequence Python promises to keep across versions, so the
committed files can be regenerated with identical cell values (the ``.xlsx`` bytes
differ: openpyxl stamps the save time)::

    python -m pixely_dagster.demo.generate_workbooks
"""

import random
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from pixely_dagster.demo.catalog import (
    CAFE_ANDINO,
    DEMO_CATALOG,
    DEMO_DATA_DIR,
    NORTE_SPORT,
    DemoFicha,
)
from pixely_dagster.sources.raw import (
    COMMENT_COLUMNS,
    COMMENTS_SHEET,
    OPTIONAL_POST_COLUMNS,
    POST_COLUMNS,
    POSTS_SHEET,
)

END_DATE = date(2025, 10, 31)
"""Last day of the bundled data; `pixely demo` shifts it to yesterday on first load."""

DAYS = 60
SEED = "pixely-demo-2025"

POSTS_COLUMNS: tuple[str, ...] = POST_COLUMNS + OPTIONAL_POST_COLUMNS
"""The source contract's columns (README.md), taken from the readers so they cannot drift."""
COMMENTS_COLUMNS: tuple[str, ...] = COMMENT_COLUMNS

Cell = str | int | None
Row = tuple[Cell, ...]
T = TypeVar("T")


class Dice:
    """A seeded ``random.Random`` used only through ``random()``.

    ``choice``/``randint`` may change their algorithm between Python versions;
    ``random()`` is guaranteed stable, so the committed workbooks stay reproducible.
    """

    def __init__(self, seed: str) -> None:
        self._random = random.Random(seed)

    def unit(self) -> float:
        return self._random.random()

    def chance(self, probability: float) -> bool:
        return self.unit() < probability

    def between(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``, both ends included."""
        return low + min(int(self.unit() * (high - low + 1)), high - low)

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.unit()

    def pick(self, items: Sequence[T]) -> T:
        return items[self.between(0, len(items) - 1)]

    def weighted(self, weights: Mapping[T, float]) -> T:
        total = sum(weights.values())
        threshold = self.unit() * total
        running = 0.0
        last = next(iter(weights))
        for item, weight in weights.items():
            if weight <= 0:
                continue
            running += weight
            last = item
            if threshold < running:
                return item
        return last

    def token(self, alphabet: str, length: int) -> str:
        return "".join(self.pick(alphabet) for _ in range(length))


@dataclass(frozen=True)
class IssueStretch:
    """A recurring problem (price rise, late deliveries) that rises and fades over weeks."""

    start: date
    peak: date
    end: date
    peak_weight: float

    def weight(self, day: date) -> float:
        """Sharp start at ``start``, maximum at ``peak``, fading to a small tail after ``end``."""
        if day < self.start:
            return 0.0
        if day <= self.peak:
            span = max((self.peak - self.start).days, 1)
            return self.peak_weight * (0.6 + 0.4 * (day - self.start).days / span)
        if day <= self.end:
            span = max((self.end - self.peak).days, 1)
            return self.peak_weight * (1.0 - 0.85 * (day - self.peak).days / span)
        return 0.04


@dataclass(frozen=True)
class BrandScript:
    """The text material of one brand: what its posts and its audience say."""

    captions: tuple[str, ...]
    events: Mapping[date, tuple[str, str]]
    comments: Mapping[str, tuple[str, ...]]
    replies: Mapping[str, tuple[str, ...]]
    fillers: Mapping[str, tuple[str, ...]]
    issue: IssueStretch
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    username_styles: tuple[str, ...]
    price_change: date
    price_before: str
    price_after: str


@dataclass(frozen=True)
class PlantedRow:
    """A deliberately bad row: where it is (spreadsheet row, header is row 1) and why."""

    sheet: str
    row: int
    reason: str


@dataclass(frozen=True)
class DemoWorkbook:
    """One ficha's generated sheets, rows in sheet order, and the bad rows planted in them."""

    ficha: DemoFicha
    posts: tuple[Row, ...]
    comments: tuple[Row, ...]
    planted: tuple[PlantedRow, ...] = field(default=())


BASE_WEIGHTS: Mapping[str, float] = {
    "praise": 0.24,
    "intent": 0.12,
    "question": 0.17,
    "complaint": 0.07,
    "mixed": 0.06,
    "sarcasm": 0.03,
    "mention": 0.12,
    "english": 0.035,
    "other": 0.08,
    "issue": 0.015,
    "english_issue": 0.0,
}
"""Share of each kind of comment on an ordinary day; the issue stretch adds to ``issue``."""

REPLY_RATES: Mapping[str, float] = {
    "praise": 0.05,
    "intent": 0.15,
    "question": 0.3,
    "complaint": 0.3,
    "issue": 0.15,
    "mixed": 0.2,
    "english": 0.2,
    "english_issue": 0.3,
}
"""How often the brand answers each kind of comment (questions and complaints most)."""

PLATFORM_WEIGHTS: Mapping[str, float] = {"instagram": 0.45, "tiktok": 0.3, "facebook": 0.25}
ENGLISH = frozenset({"english", "english_issue"})
FAN_CATEGORIES: Mapping[str, float] = {"praise": 0.5, "intent": 0.3, "mention": 0.2}
CRITIC_CATEGORIES: Mapping[str, float] = {"complaint": 0.45, "sarcasm": 0.3, "mixed": 0.25}
FANS = 6
CRITICS = 2

COMMON_FILLERS: Mapping[str, tuple[str, ...]] = {
    "pos": ("😍", "🔥", "🙌", "❤️", "😍😍", "🔥🔥🔥", "💯", "✨", "🤩", "👏", "", ""),
    "neg": ("😡", "😤", "👎", "😠", "😡😡", "🤬", "😒", "", ""),
    "sarc": ("🙃", "👏👏", "🙃🙃", "😌", "🤡", "🙃👏"),
    "lol": ("😂", "🤣", "😂😂😂", "jajaja", "jajsjsj", "jaja"),
    "pray": ("🙏", "🙏🏻", "🙏🙏", ""),
    "sad": ("😭", "😢", "🥲", ""),
}

CAFE_SCRIPT = BrandScript(
    captions=(
        "Nuevo lote de {product} recién tostado ☕ Notas a {notes}. Ya en la web y en la "
        "tienda de Barranco. {tag} {tag}",
        "¿Prensa francesa o V60? Te enseñamos a preparar el {product} en casa 👇 {tag}",
        "Conoce a {farmer}, productora de {region}: detrás de cada taza de {product} hay "
        "su trabajo 🌱 {tag}",
        "Pausa de media mañana ☕ ¿Cómo lo tomas tú: solo, con leche o cold brew? {tag}",
        "Receta de la semana: affogato con {product} y helado de lúcuma 🍨 {tag}",
        "El {product} en 3 pasos: muele grueso, 4 minutos de infusión, presiona y listo ☕",
        "Así se ve la cosecha en {region} este año ☀️ {tag}",
        "¿Sabías que el {product} crece a más de 1,600 msnm? Por eso sus notas a {notes} ⛰️",
        "Tu oficina merece mejor café 💼 Planes mensuales con el {product} desde la web.",
        "Barranco a las 8 am, el primer espresso del día ☕ {tag}",
        "Guía rápida de molienda: fina para espresso, media para V60, gruesa para prensa 📋",
        "Del cafetal de {farmer} a tu taza: trazabilidad completa en cada bolsa 🌱 {tag}",
        "Fin de semana de catas en la tienda de Barranco: prueba el {product} gratis ☕",
        "Cold brew de {product}: 18 horas en frío, cero amargor 🧊 {tag}",
    ),
    events={
        date(2025, 9, 14): (
            "instagram",
            "¡Sorteo! 🎁 Gana un kit V60 + 2 bolsas de Geisha de Villa Rica. Sigue a "
            "@cafeandino, dale like y etiqueta a 2 amigos. Ganador el viernes. #CafeAndino",
        ),
        date(2025, 10, 6): (
            "instagram",
            "Queremos contarte algo con transparencia ☕ Desde hoy la bolsa de 250 g pasa de "
            "S/ 38 a S/ 45: el café verde subió más de 30% este año y no vamos a bajar la "
            "calidad ni lo que pagamos a nuestros productores. Gracias por seguir con "
            "nosotros 💛 #CafeAndino",
        ),
        date(2025, 10, 7): (
            "tiktok",
            "Te explicamos en 60 segundos por qué subió el precio del café en el Perú 📈☕",
        ),
        date(2025, 10, 20): (
            "facebook",
            "Para agradecer tu paciencia: 10% en toda la web con el código ANDINO10 hasta "
            "fin de mes 💛",
        ),
    },
    comments={
        "praise": (
            "{good} el {product} {pos}",
            "El {product} está riquísimo, ya voy por mi tercera bolsa {pos}",
            "{wow} qué rico café, bacán que sea peruano {pos}",
            "Mi café de todas las mañanas desde hace un año, no lo cambio por nada {pos}",
            "Lo probé en la tienda de Barranco y me enamoré {pos}",
            "{wow} qué buena pinta {pos}",
            "{good} el {product}, con notas a {notes} tal cual dicen {pos}",
            "Orgullo peruano 🇵🇪 {pos}",
            "Ese latte art está de otro nivel {pos}",
            "Me llegó ayer el pedido a {district} y todo perfecto, gracias chicos {pos}",
            "El mejor café de especialidad de Lima, sin exagerar {pos}",
            "Chévere que apoyen a los productores de {region} {pos}",
            "Lo preparé en prensa francesa y quedó buenísimo {pos}",
            "Yo solo tomo este café, el resto me sabe a agua {lol}",
            "Qué bonita la bolsa nueva, provoca regalarla {pos}",
            "Desde que probé el {product} no vuelvo al café de sobre {lol}",
            "La atención en Barranco siempre de lujo, el barista un amor {pos}",
            "Buenísimo el {product} para la chamba, me despierta al toque {pos}",
        ),
        "intent": (
            "Quiero el {product} para regalarle a mi papá {pos}",
            "¿Me separan dos bolsas del {product}? {pray}",
            "Ya hice mi pedido por la web, ansiosa {pos}",
            "Necesito esto en mi vida ya {pos}",
            "Este fin de semana paso por la tienda a comprar el {product}",
            "Listo, compré el kit V60 para mi jato {pos}",
            "Apenas me paguen me compro el {product} {lol}",
            "Ya pedí {format} para la oficina {pos}",
            "Para el día del padre ya sé qué regalar {pos}",
            "Me antojé, ahorita pido por delivery a {district} {pos}",
        ),
        "question": (
            "Precio?",
            "¿Cuánto está {format}?",
            "¿Hacen envíos a {city}?",
            "¿Tienen el {product} en grano entero o solo molido?",
            "¿Todavía hay {product}? En la web sale agotado {sad}",
            "¿Cuánto demora el envío a {city}?",
            "¿Aceptan Yape o Plin?",
            "¿El delivery a {district} es gratis?",
            "Info por interno porfa {pray}",
            "¿Venden al por mayor para cafetería?",
            "¿Tienen descafeinado? Mi doctor ya no me deja {lol}",
            "¿A qué hora abren en Barranco los domingos?",
            "¿El {product} sirve para espresso o es mejor para filtrado?",
            "¿Qué molienda me recomiendan para cafetera italiana?",
            "Hola, ¿hacen factura para empresas?",
        ),
        "complaint": (
            "Pedí hace {days} días y hasta ahora nada, ¿qué pasó? {neg}",
            "La última bolsa vino muy molida para mi V60 {neg}",
            "El {product} de este lote está más amargo que el anterior, ¿cambiaron algo?",
            "Les escribí por DM hace {days} días y no responden {neg}",
            "La bolsa llegó rota, {ugh} {neg}",
            "Me cobraron el delivery dos veces en la web {neg}",
            "Fui a la tienda de Barranco y no había ni una bolsa del {product} {neg}",
            "El café llegó con fecha de tueste de hace dos meses, no es lo que venden {neg}",
        ),
        "issue": (
            "¿En serio subieron a {new_price}? Antes estaba a {old_price} {neg}",
            "{new_price} por 250 g? Ya se pasaron {neg}",
            "Con el nuevo precio ya no me alcanza, me paso a {competitor} {neg}",
            "Me encanta su café pero con esta subida va a ser un lujo {sad}",
            "Subieron el precio y la bolsa sigue igual de chiquita {sarc}",
            "Qué bonito pagar 7 soles más por la misma bolsa {sarc}",
            "Ya no es café para el día a día, es para ocasiones especiales con esos precios {lol}",
            "Entiendo que el café está caro en todos lados, pero 18% de subida es bastante",
            "¿Y el descuento para clientes frecuentes? Con la subida ya no vale la pena {neg}",
            "{ugh}, en {competitor} la bolsa sigue a {old_price}, nomás digo",
            "De {old_price} a {new_price} de un día para otro, qué tal roche {neg}",
            "Lo siento pero a {new_price} ya no, era mi café favorito {sad}",
            "Subida de precio sin avisar con tiempo, mala onda {neg}",
            "Siempre los recomendé pero con este precio ya no puedo {sad}",
        ),
        "mixed": (
            "Rico el café pero el envío a {city} demoró una semana {sarc}",
            "Amo el {product}, odio que siempre esté agotado {sad}",
            "Buen café, pero la atención en la tienda de Barranco dejó mucho que desear",
            "El sabor top, el precio ya no tanto {lol}",
            "El {product} {good}, pero la bolsa no cierra bien y se humedece",
            "Me gustó pero esperaba más cuerpo para ser {product}",
        ),
        "sarcasm": (
            "Wow, solo {days} días para que llegue a {district}, récord mundial {sarc}",
            "Qué lindo, otra vez agotado {sarc}",
            "Sí claro, 'tueste fresco' y llegó con fecha de hace dos meses {sarc}",
            "Genial, el post más bonito y el DM sin responder desde el lunes {sarc}",
        ),
        "mention": (
            "{friend} mira, el café que te conté {pos}",
            "{friend} {friend} ¿vamos este sábado a Barranco?",
            "{friend} para tu cumple ya sabes qué te voy a regalar {lol}",
            "{friend} este es el de la yapa {lol}",
            "{friend} ahí está tu regalo de Navidad jaja",
            "{friend} causa, este es el café que tomamos en la chamba",
            "{friend} ya fue, compremos el kit a medias {lol}",
            "Participo {friend} {friend} {pray}",
        ),
        "english": (
            "Best coffee I had in Lima, bringing two bags home {pos}",
            "Do you ship to the US?",
            "Tried the {product} in Barranco last week, amazing pour over {pos}",
            "Love the packaging!!",
            "Is the Geisha still available? {pray}",
            "This is the coffee my Peruvian friend keeps talking about {lol}",
        ),
        "english_issue": (
            "Prices went up a lot this month, not cool {neg}",
            "{new_price} for 250g? that's more than I pay back home",
            "Love the coffee but the new price is too much for me {sad}",
        ),
        "other": (
            "Primer comentario {lol}",
            "¿Y el sorteo para cuándo? 👀",
            "Jajaja el gato del video {lol}",
            "Qué canción es la del video?",
            "{tag}",
            "👀👀",
            "Hoy toca café doble, lunes difícil {lol}",
            "¿Alguien sabe si el de Barranco tiene wifi para trabajar?",
        ),
    },
    replies={
        "praise": (
            "{user} ¡Qué alegría leerte! ☕💛",
            "{user} ¡Gracias por acompañarnos cada mañana! 🙌",
        ),
        "intent": (
            "{user} ¡Te esperamos! La bolsa de 250 g está a {price_now} en la web ☕",
            "{user} ¡Genial! Si pides hoy antes de las 2 pm te llega mañana en Lima 📦",
        ),
        "question": (
            "{user} ¡Hola! La bolsa de 250 g está a {price_now}, en grano o molido a tu gusto ☕",
            "{user} Sí hacemos envíos a todo el Perú por Olva, de 2 a 4 días hábiles 📦",
            "{user} ¡Hola! Te escribimos por DM con toda la info 🙌",
            "{user} Aceptamos Yape, Plin y tarjetas 💛",
        ),
        "complaint": (
            "{user} Lamentamos mucho la experiencia 🙏 te escribimos por DM para solucionarlo",
            "{user} Qué pena leer esto, ya revisamos tu pedido por interno 🙏",
        ),
        "issue": (
            "{user} Entendemos tu molestia. El café verde subió este año y preferimos no bajar "
            "la calidad; este mes tienes 10% con el código ANDINO10 💛",
            "{user} Gracias por decírnoslo con franqueza 🙏 seguimos pagando precio justo a "
            "los productores y por eso el ajuste",
        ),
        "mixed": ("{user} Gracias por el comentario, lo tomamos en cuenta para mejorar 🙏",),
        "english": ("{user} Thank you! We ship to the US through our web store ☕",),
        "english_issue": (
            "{user} We understand, green coffee prices rose a lot this year; use ANDINO10 "
            "for 10% off this month 💛",
        ),
    },
    fillers={
        "product": (
            "Blend Andino",
            "Geisha de Villa Rica",
            "Bourbon Rojo de Cajamarca",
            "Catuaí de Chanchamayo",
            "Típica de Cusco",
            "cold brew",
            "Honey de Amazonas",
            "descafeinado de Puno",
        ),
        "format": (
            "la bolsa de 250 g",
            "la bolsa de 1 kg",
            "el kit V60",
            "la prensa francesa",
            "la caja de cápsulas",
            "la suscripción mensual",
        ),
        "city": (
            "Arequipa",
            "Trujillo",
            "Piura",
            "Cusco",
            "Chiclayo",
            "Huancayo",
            "Ica",
            "Tacna",
            "Iquitos",
            "Cajamarca",
        ),
        "district": (
            "Miraflores",
            "Surco",
            "San Borja",
            "Jesús María",
            "Los Olivos",
            "SJL",
            "La Molina",
            "Magdalena",
            "Chorrillos",
            "San Miguel",
            "Callao",
        ),
        "region": (
            "Villa Rica",
            "Cajamarca",
            "Chanchamayo",
            "La Convención",
            "Puno",
            "Amazonas",
            "Satipo",
        ),
        "notes": (
            "chocolate y panela",
            "frutos rojos",
            "caramelo y mandarina",
            "cacao y nueces",
            "jazmín y durazno",
            "miel y naranja",
        ),
        "farmer": ("Doña Marina", "Rosa Quispe", "Doña Eulalia", "Juana Huamán"),
        "competitor": ("Qosqo Café", "Tostadores del Sur", "Grano Real"),
        "old_price": ("S/ 38", "38 soles", "38 lucas"),
        "new_price": ("S/ 45", "45 soles", "45 lucas"),
        "days": ("3", "4", "5", "6", "8", "10"),
        "good": ("buenazo", "bacán", "mostro", "chévere", "riquísimo", "de lujo", "top"),
        "wow": ("Asu", "Uff", "Wow", "Oe", "Habla", "Ufff"),
        "ugh": ("Pucha", "Qué feo", "En serio", "Oe", "Asu"),
        "tag": (
            "#CafeAndino",
            "#CafeDeEspecialidad",
            "#CafePeruano",
            "#OrgulloPeruano",
            "#CafeLover",
            "#ComercioJusto",
        ),
    },
    issue=IssueStretch(
        start=date(2025, 10, 6), peak=date(2025, 10, 9), end=date(2025, 10, 26), peak_weight=1.1
    ),
    first_names=(
        "milagros",
        "diego",
        "lucia",
        "renzo",
        "fiorella",
        "jhonatan",
        "kiara",
        "piero",
        "valeria",
        "angie",
        "brayan",
        "rosa",
        "gianella",
        "alonso",
        "xiomara",
        "kevin",
        "karla",
        "luis",
        "mariela",
        "jorge",
        "fabiola",
        "sebastian",
        "andrea",
        "cesar",
        "stefany",
        "franco",
        "daniela",
        "paolo",
    ),
    last_names=(
        "quispe",
        "rojas",
        "flores",
        "mendoza",
        "huaman",
        "vargas",
        "chavez",
        "ramos",
        "torres",
        "castillo",
        "salazar",
        "paredes",
        "mamani",
        "cordova",
    ),
    username_styles=(
        "{first}.{last}",
        "{first}_{last}{num}",
        "{first}{num}",
        "la.{first}",
        "{first}_cafetera",
        "soy{first}",
        "{first}{last}_",
        "{first}.pe",
        "{first}_lima{num}",
        "cafeadicta.{first}",
    ),
    price_change=date(2025, 10, 6),
    price_before="S/ 38",
    price_after="S/ 45",
)

NORTE_SCRIPT = BrandScript(
    captions=(
        "Nuevos {shoes} 🔥 diseñados en Monterrey para correr más lejos. {tag} {tag}",
        "Entrena como quieras, nosotros ponemos el equipo 💪 {item} ya en nortesport.mx",
        "Outfit de gym del día: {item} + {item} 🏋️ {tag}",
        "¿Pista, calle o montaña? Elige tus {shoes} 👟 {tag}",
        "Long run en {city} con la comunidad Norte 🏃‍♀️ {tag}",
        "Drop nuevo: {item} en color {color} ⚡",
        "Tip de la semana: cambia tus tenis cada 600 km 👟 {tag}",
        "Así probamos {item} antes de que llegue a tus manos 🔬",
        "Día de pierna y sin excusas 🦵 {tag}",
        "Cuéntanos: ¿para qué entrenas este año? 🏁 {tag}",
        "Nueva colección otoño: {item} y {item} 🍂",
        "Hecho en México, probado en el cerro de la Silla ⛰️ {tag}",
        "Rutina de 20 minutos para arrancar el día 🔥 con {item}",
        "Equipo listo para el medio maratón de {city} 🏅 {tag}",
    ),
    events={
        date(2025, 9, 12): (
            "instagram",
            "⚡ VENTA DE ANIVERSARIO ⚡ Hasta 40% en tenis, leggings y más. Solo este fin de "
            "semana en nortesport.mx #NorteSport",
        ),
        date(2025, 9, 13): (
            "tiktok",
            "Último día de la venta de aniversario 🔥 ¿ya tienes tus Ruta 42?",
        ),
        date(2025, 9, 26): (
            "facebook",
            "Actualización sobre tus pedidos 📦 Por el volumen de la venta de aniversario y "
            "un retraso con nuestra paquetería, algunos envíos van con demora. Estamos "
            "escribiendo a cada cliente. Gracias por la paciencia 🙏",
        ),
        date(2025, 10, 10): (
            "instagram",
            "Ya nos pusimos al día con los envíos 💪 Si tu pedido no ha llegado, escríbenos "
            "por DM con tu número de orden.",
        ),
        date(2025, 10, 19): (
            "tiktok",
            "Reto Norte 10K 🏃‍♀️ este domingo en Monterrey, ¿quién se apunta? #RetoNorte",
        ),
    },
    comments={
        "praise": (
            "Están bien chidos {pair} {pos}",
            "{wow}, {pair} son lo máximo para correr {pos}",
            "Ya llevo 300 km con mis Ruta 42 y siguen como nuevos {pos}",
            "Qué padre colección {pos}",
            "Me late mucho el color {color}, está bien perro {pos}",
            "Súper cómodos, los uso para el gym y para todo {pos}",
            "Orgullosamente mexicanos 🇲🇽 {pos}",
            "Amé los leggings Sierra, no se transparentan nada {pos}",
            "La neta la mejor marca mexicana de running {pos}",
            "Corrí el medio maratón de {city} con mis Ruta 42 y cero ampollas {pos}",
            "Calidad bien chida a buen precio {pos}",
            "{wow}, qué diseño tan bonito {pos}",
            "Mis {shoes} aguantaron todo el entrenamiento, 10 de 10 {pos}",
            "El servicio al cliente me resolvió todo rapidísimo {pos}",
        ),
        "intent": (
            "Ya pedí {item} en {color} {pos}",
            "Los quiero en talla {size} {pos}",
            "Me los voy a comprar con el aguinaldo {lol}",
            "Ocupo unos para el maratón de la CDMX {pray}",
            "Apártenme unos en talla {size} porfa {pray}",
            "Ya cayó la quincena, a comprar {pos}",
            "Mañana voy a la tienda por {item} {pos}",
            "Me urgen {pair} para el gym {pos}",
        ),
        "question": (
            "Precio?",
            "Precio de {item}?",
            "¿Hay en talla {size}?",
            "¿Hacen envíos a {city}?",
            "¿Cuánto tarda el envío a {city}?",
            "¿Tienen tienda física en {city}?",
            "¿Aceptan pago en Oxxo?",
            "¿Tienen meses sin intereses?",
            "Info",
            "¿Sirven para pista o solo para calle?",
            "¿La horma es chica o normal?",
            "¿Cuándo vuelven a tener {item} en {color}?",
            "¿{pair} sirven para crossfit?",
        ),
        "complaint": (
            "{pair} se despintaron a la primera lavada {neg}",
            "La suela se despegó al mes, bien chafa {neg}",
            "Pedí talla {size} y me llegó otra {neg}",
            "Muy caros para lo que son la verdad",
            "No contestan los DM {neg}",
            "Las costuras de {item} se abrieron en dos semanas {neg}",
            "Fui a la tienda de {city} y me atendieron de malas {neg}",
        ),
        "issue": (
            "Llevo {days} días esperando mi pedido y nada {neg}",
            "Mi pedido de la venta de aniversario sigue en 'preparando envío' desde hace "
            "{weeks} semanas {neg}",
            "Ya pasaron {days} días, ¿dónde está mi paquete? {neg}",
            "La paquetería dice que entregaron y nunca llegó nada {neg}",
            "Nadie responde en el chat y mi pedido no llega, ¿qué onda? {neg}",
            "{ugh}, compré para el maratón y no me llegaron a tiempo {sad}",
            "Excelente servicio, {weeks} semanas para un envío 'express' {sarc}",
            "Número de guía que no existe, ¿es en serio? {neg}",
            "Quiero mi reembolso, ya me cansé de esperar {neg}",
            "No vuelvo a comprar en la página, mejor en {competitor} que llega en 2 días {neg}",
            "Ya ni publiquen cosas nuevas si no pueden entregar lo que ya vendieron {sarc}",
            "¿Alguien más sigue esperando su pedido? 🙋‍♀️",
            "no mms, {weeks} semanas y sigo sin mis tenis {neg}",
            "Les marqué {days} veces y nada, pésimo servicio {neg}",
            "Pedido #NS{order} sin moverse desde la venta de aniversario, ayuda {pray}",
        ),
        "mixed": (
            "{pair} están increíbles pero tardaron {weeks} semanas en llegar {sarc}",
            "Buena calidad pero la talla viene chica, pidan una más",
            "Me encantan pero el precio subió bastante {lol}",
            "Bonitos pero el envío carísimo a {city}",
            "Los tenis muy cómodos, lástima que la caja llegó toda aplastada",
        ),
        "sarcasm": (
            "Ah mira, otra colección y mi pedido bien gracias {sarc}",
            "Qué bonito ver publicaciones nuevas mientras espero mi paquete {sarc}",
            "Súper rápido el envío, nomás {weeks} semanas {sarc}",
            "Me encanta que el chat me conteste 'en breve' desde el lunes {sarc}",
        ),
        "mention": (
            "{friend} unos para ti {wey} {lol}",
            "{friend} ya viste? los que te dije",
            "{friend} {friend} para el medio maratón ¿o qué?",
            "{friend} regálamelos porfa {pray}",
            "{friend} ándale, vamos por unos {pos}",
            "{friend} mira {wey}, para que ya dejes de correr en chanclas {lol}",
            "Participo {friend} {friend} {pray}",
        ),
        "english": (
            "These look fire 🔥 do you ship to Texas?",
            "Got mine last month, super comfy for long runs {pos}",
            "Need these in size 10 US",
            "Love the colorway!!",
            "Best running shoes I bought this year {pos}",
        ),
        "english_issue": (
            "Still waiting for my order, {weeks} weeks now {neg}",
            "Ordered during the anniversary sale and nothing yet, any update?",
            "Tracking number doesn't work {neg}",
        ),
        "other": (
            "Jajaja el final del video {lol}",
            "Sorteo? 👀",
            "Qué canción es?",
            "{tag}",
            "Alguien que los haya usado para crossfit?",
            "El modelo del video quién es 😳",
            "Primer comentario {lol}",
            "💪💪💪",
        ),
    },
    replies={
        "praise": ("{user} ¡Gracias por el apoyo! 💪🔥", "{user} ¡A darle con todo! 🏃‍♀️"),
        "intent": (
            "{user} ¡Te van a encantar! Están en {price_now} en nortesport.mx 👟",
            "{user} ¡Ya los tienes apartados! Te mandamos DM 🙌",
        ),
        "question": (
            "{user} ¡Hola! Sí enviamos a todo México, llega en 3 a 5 días hábiles 📦",
            "{user} Los Ruta 42 están en {price_now}, hay de la 24 a la 29 👟",
            "{user} Sí aceptamos Oxxo y tienes hasta 6 MSI con tarjetas participantes 💳",
            "{user} ¡Hola! Te mandamos toda la info por DM 🙌",
        ),
        "complaint": (
            "{user} Una disculpa 🙏 te mandamos DM para hacer el cambio sin costo",
            "{user} Qué mal, no es la experiencia que queremos darte. Ya te escribimos 🙏",
        ),
        "issue": (
            "{user} Una disculpa por la demora 🙏 tuvimos un retraso con la paquetería por la "
            "venta de aniversario; ya te escribimos por DM con tu guía",
            "{user} Lo sentimos mucho, tu pedido ya va en camino. Te mandamos la guía por DM 📦",
        ),
        "mixed": ("{user} ¡Gracias por contarnos! Lo pasamos al equipo 🙌",),
        "english": ("{user} Thanks! We ship to the US from nortesport.mx 📦",),
        "english_issue": (
            "{user} Sorry for the delay 🙏 we just sent you your tracking number by DM",
        ),
    },
    fillers={
        "item": (
            "los Ruta 42",
            "los leggings Sierra",
            "la playera DryNorte",
            "la sudadera Cumbre",
            "los shorts Trail",
            "los tenis Bravo",
            "la chamarra rompevientos",
            "la gorra Norte",
        ),
        "pair": ("los Ruta 42", "los leggings Sierra", "los shorts Trail", "los tenis Bravo"),
        "shoes": ("tenis Ruta 42", "Ruta 42", "tenis Bravo", "tenis Trail Sierra Madre"),
        "color": ("negro", "azul marino", "verde neón", "blanco", "coral", "gris", "vino"),
        "size": ("25", "25.5", "26", "26.5", "27", "28", "M", "CH", "G", "XL"),
        "city": (
            "Guadalajara",
            "Monterrey",
            "Mérida",
            "Puebla",
            "Tijuana",
            "Querétaro",
            "León",
            "Toluca",
            "Oaxaca",
            "Hermosillo",
            "CDMX",
            "Cancún",
        ),
        "competitor": ("Vértice Athletics", "Kóndor Run", "Pulso MX"),
        "days": ("8", "10", "12", "15", "18", "20"),
        "weeks": ("2", "3", "tres", "dos", "casi 4"),
        "order": ("10482", "10517", "10933", "11206", "11378", "11452", "11790"),
        "wow": ("No manches", "Órale", "Uff", "Wow", "Neta", "Ándale"),
        "ugh": ("Chale", "Qué mal", "Neta", "Ya en serio", "No mms"),
        "wey": ("wey", "güey", "we", "carnal", "amiga", "bro"),
        "tag": (
            "#NorteSport",
            "#CorreConNorte",
            "#RetoNorte",
            "#RunningMX",
            "#GymMotivation",
            "#HechoEnMéxico",
        ),
    },
    issue=IssueStretch(
        start=date(2025, 9, 17), peak=date(2025, 9, 27), end=date(2025, 10, 12), peak_weight=1.3
    ),
    first_names=(
        "fernanda",
        "diego",
        "ximena",
        "emiliano",
        "regina",
        "santiago",
        "valeria",
        "jesus",
        "lupita",
        "alejandro",
        "mariana",
        "luisangel",
        "itzel",
        "brenda",
        "oscar",
        "karen",
        "uriel",
        "daniela",
        "rodrigo",
        "paola",
        "erick",
        "montse",
        "kevin",
        "yahir",
    ),
    last_names=(
        "hernandez",
        "garcia",
        "martinez",
        "lopez",
        "gonzalez",
        "perez",
        "rodriguez",
        "sanchez",
        "ramirez",
        "cruz",
        "flores",
        "gomez",
        "morales",
    ),
    username_styles=(
        "{first}.{last}",
        "{first}_{last}{num}",
        "{first}{num}",
        "{first}.runs",
        "{first}_fit",
        "corre.con.{first}",
        "{first}{last}_",
        "soy.{first}",
        "{first}_mx{num}",
        "{first}.gym",
    ),
    price_change=date(2025, 9, 1),
    price_before="$1,299",
    price_after="$1,299",
)

SCRIPTS: Mapping[str, BrandScript] = {CAFE_ANDINO.slug: CAFE_SCRIPT, NORTE_SPORT.slug: NORTE_SCRIPT}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_STRIP_ACUTE = str.maketrans("áéíóúÁÉÍÓÚü", "aeiouAEIOUu")
_SHORTHANDS: tuple[tuple[re.Pattern[str], tuple[str, ...], float], ...] = (
    (re.compile(r"\bque\b", re.IGNORECASE), ("q", "k"), 0.25),
    (re.compile(r"\bpor favor\b", re.IGNORECASE), ("porfa", "x fa", "plis"), 0.5),
    (re.compile(r"\bporque\b", re.IGNORECASE), ("xq", "pq"), 0.4),
    (re.compile(r"\btambi[eé]n\b", re.IGNORECASE), ("tmb", "tb"), 0.4),
    (re.compile(r"\bpara\b", re.IGNORECASE), ("pa",), 0.12),
    (re.compile(r"\bestá\b", re.IGNORECASE), ("ta",), 0.08),
    (re.compile(r"\bmuy\b", re.IGNORECASE), ("mui", "bien"), 0.08),
    (re.compile(r"\bnada\b", re.IGNORECASE), ("nadaaa", "na"), 0.15),
)
_VOWELS = "aeiouáéíóú"
_EMPHATIC = frozenset(
    (
        "buenísimo",
        "buenisimo",
        "riquísimo",
        "riquisimo",
        "rico",
        "chido",
        "chidos",
        "padre",
        "bonito",
        "lindo",
        "amo",
        "gracias",
        "porfa",
        "nada",
        "ya",
        "top",
        "mostro",
        "buenazo",
        "máximo",
        "maximo",
        "encanta",
        "encantan",
        "urge",
        "urgen",
        "qué",
        "mal",
        "pésimo",
        "pesimo",
        "serio",
    )
)


def _fill(template: str, dice: Dice, fillers: Mapping[str, Sequence[str]]) -> str:
    """Each ``{name}`` draws its own filler, so a template with two ``{friend}`` gets two."""

    def draw(match: re.Match[str]) -> str:
        return dice.pick(fillers[match.group(1)])

    text = re.sub(r"\s+", " ", _PLACEHOLDER.sub(draw, template)).strip()
    return text[:1].upper() + text[1:] if template.startswith("{") else text


def _elongate(text: str, dice: Dice) -> str:
    """``buenísimo`` → ``buenísimooo``: the emphasis people type, on an emphatic word or
    on the last word, where people stretch it (never mid-phrase on any word)."""
    words = text.split(" ")
    candidates = [i for i, word in enumerate(words) if word.lower() in _EMPHATIC]
    spoken = [i for i, word in enumerate(words) if any(c.isalnum() for c in word)]
    if not candidates and spoken:
        last = words[spoken[-1]]
        if last.isalpha() and last[-1].lower() in _VOWELS:
            candidates = [spoken[-1]]
    if not candidates:
        return text
    i = dice.pick(candidates)
    words[i] = words[i] + words[i][-1] * dice.between(2, 4)
    return " ".join(words)


def _swap_typo(text: str, dice: Dice) -> str:
    """Two neighbouring letters swapped in one longer word, as fast thumbs do."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not candidates:
        return text
    i = dice.pick(candidates)
    word = words[i]
    j = dice.between(1, len(word) - 3)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def _roughen(text: str, dice: Dice, english: bool) -> str:
    """Make a clean template read like a phone-typed comment."""
    if english:
        if dice.chance(0.3):
            text = text.lower()
        return text
    if dice.chance(0.45):
        text = text.translate(_STRIP_ACUTE)
    if dice.chance(0.5):
        text = text.replace("¿", "").replace("¡", "")
    if dice.chance(0.25):
        text = text.lower()
    for pattern, replacements, probability in _SHORTHANDS:
        if pattern.search(text) and dice.chance(probability):
            text = pattern.sub(dice.pick(replacements), text)
    if dice.chance(0.2):
        text = _elongate(text, dice)
    if dice.chance(0.1):
        text = _swap_typo(text, dice)
    if text and text[-1].isalpha() and dice.chance(0.15):
        text += dice.pick(("!!", "!!!", "??", "...", " :)", " xd"))
    return unicodedata.normalize("NFC", text)


def _usernames(script: BrandScript, dice: Dice, count: int) -> tuple[str, ...]:
    """Distinct audience usernames; the first ones become regular fans and critics."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = (
            dice.pick(script.username_styles)
            .replace("{first}", dice.pick(script.first_names))
            .replace("{last}", dice.pick(script.last_names))
            .replace(
                "{num}", str(dice.between(1, 99) if dice.chance(0.6) else dice.between(80, 2005))
            )
        )
        if name not in seen:
            seen.add(name)
            names.append(name)
    return tuple(names)


def _stamp(moment: datetime, dice: Dice, zulu_share: float = 0.1, naive_share: float = 0.1) -> str:
    """ISO 8601 text in one of the three forms sheets hold: offset, ``Z`` or naive local.

    ``Z`` is used only when the UTC date equals the local date, so the date as written
    never runs past the local day (``shift_workbook`` reads the latest day as written).
    """
    roll = dice.unit()
    if roll < zulu_share:
        utc = moment.astimezone(UTC)
        if utc.date() == moment.date():
            return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    elif roll < zulu_share + naive_share:
        return moment.replace(tzinfo=None).isoformat(timespec="seconds")
    return moment.isoformat(timespec="seconds")


def _awake(moment: datetime, dice: Dice) -> datetime:
    """Few people comment between 1 and 7 am: those comments move to that morning (later,
    never earlier, so a comment still follows its post)."""
    if 1 <= moment.hour < 7:
        return moment.replace(hour=dice.between(7, 10), minute=dice.between(0, 59))
    return moment


def _comment_delay(dice: Dice) -> timedelta:
    """Most comments come in the first hours, some days later: one post spans days."""
    roll = dice.unit()
    if roll < 0.6:
        minutes = dice.between(2, 6 * 60)
    elif roll < 0.85:
        minutes = dice.between(6 * 60, 36 * 60)
    else:
        minutes = dice.between(36 * 60, 5 * 24 * 60)
    return timedelta(minutes=minutes, seconds=dice.between(0, 59))


def _post_url(ficha: DemoFicha, platform: str, dice: Dice) -> str:
    """URLs shaped like each platform's, so normalisation and display look real."""
    if platform == "instagram":
        code = dice.token("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 11)
        return f"https://www.instagram.com/p/{code}/"
    digits = dice.token("0123456789", 17)
    if platform == "tiktok":
        return f"https://www.tiktok.com/@{ficha.handle('tiktok')}/video/75{digits}"
    return f"https://www.facebook.com/{ficha.handle('facebook')}/posts/1{digits[:15]}"


def _metrics(platform: str, comments: int, dice: Dice) -> tuple[int, int, int | None]:
    """Likes, shares and views in each platform's usual proportions."""
    pull = dice.uniform(0.4, 2.2)
    if platform == "tiktok":
        views = int(dice.between(1_500, 60_000) * pull)
        return int(views * dice.uniform(0.03, 0.09)), int(views * dice.uniform(0.001, 0.01)), views
    if platform == "instagram":
        likes = int(dice.between(60, 900) * pull) + comments * 3
        return likes, dice.between(0, 60), int(likes * dice.uniform(8, 25))
    likes = int(dice.between(15, 300) * pull) + comments
    views = None if dice.chance(0.45) else int(likes * dice.uniform(10, 30))
    return likes, dice.between(0, 45), views


def _category(
    script: BrandScript, day: date, author: str, fans: set[str], critics: set[str], dice: Dice
) -> str:
    """What kind of comment this is: personas first, then the day's mix (issue included)."""
    issue = script.issue.weight(day)
    if author in fans and dice.chance(0.7):
        return dice.weighted(FAN_CATEGORIES)
    if author in critics and dice.chance(0.7):
        return "issue" if issue > 0.2 and dice.chance(0.5) else dice.weighted(CRITIC_CATEGORIES)
    weights = dict(BASE_WEIGHTS)
    weights["issue"] += issue
    weights["english_issue"] += issue * 0.04
    return dice.weighted(weights)


def build_workbook(ficha: DemoFicha) -> DemoWorkbook:
    """All rows of one ficha's workbook, in sheet order, with its planted bad rows."""
    script = SCRIPTS[ficha.slug]
    dice = Dice(f"{SEED}:{ficha.slug}")
    zone = ZoneInfo(ficha.timezone)
    first_day = END_DATE - timedelta(days=DAYS - 1)
    window_end = datetime.combine(END_DATE, time(23, 59, 59), zone)
    users = _usernames(script, dice, 170)
    fans, critics = set(users[:FANS]), set(users[FANS : FANS + CRITICS])
    user_weights = {u: 5.0 if u in fans else 4.0 if u in critics else 1.0 for u in users}
    fillers = {**COMMON_FILLERS, **script.fillers}
    seen_urls: set[str] = set()

    posts: list[Row] = []
    comments: list[Row] = []
    for offset in range(DAYS):
        day = first_day + timedelta(days=offset)
        count = dice.weighted({1: 0.35, 2: 0.45, 3: 0.2})
        hours = sorted({dice.between(7, 21) for _ in range(count)})
        for index, hour in enumerate(hours):
            event = script.events.get(day) if index == 0 else None
            platform = event[0] if event else dice.weighted(PLATFORM_WEIGHTS)
            if event:
                content = event[1]
            elif dice.chance(0.03):
                content = ""
            else:
                content = _fill(dice.pick(script.captions), dice, fillers)
            url = _post_url(ficha, platform, dice)
            while url in seen_urls:
                url = _post_url(ficha, platform, dice)
            seen_urls.add(url)
            posted = datetime.combine(day, time(hour, dice.between(0, 59)), zone)

            busy = script.issue.weight(day) > 0.5 or event is not None
            wanted = dice.between(14, 25) if busy else dice.between(5, 20)
            thread: list[tuple[datetime, str, str]] = []
            for _ in range(wanted):
                written = _awake(posted + _comment_delay(dice), dice)
                if written > window_end:
                    continue
                author = dice.weighted(user_weights)
                category = _category(script, written.date(), author, fans, critics, dice)
                friends = tuple(f"@{u}" for u in users if u != author)
                text = _fill(
                    dice.pick(script.comments[category]), dice, {**fillers, "friend": friends}
                )
                thread.append((written, author, _roughen(text, dice, category in ENGLISH)))
                if category in REPLY_RATES and dice.chance(REPLY_RATES[category]):
                    replied = _awake(written + timedelta(minutes=dice.between(5, 300)), dice)
                    if replied <= window_end:
                        price = (
                            script.price_after
                            if replied.date() >= script.price_change
                            else script.price_before
                        )
                        reply_fillers = {**fillers, "user": (f"@{author}",), "price_now": (price,)}
                        reply = _fill(dice.pick(script.replies[category]), dice, reply_fillers)
                        thread.append((replied, ficha.handle(platform), reply))
            thread.sort(key=lambda item: item[0])
            for written, author, text in thread:
                comments.append((url, text, author, _stamp(written, dice)))

            likes, shares, views = _metrics(platform, len(thread), dice)
            comments_count = len(thread) + dice.between(0, 4)
            created = _stamp(posted.replace(second=0), dice)
            posts.append((url, platform, created, content, likes, comments_count, shares, views))

    return _plant_bad_rows(ficha, posts, comments, dice)


def _plant_bad_rows(
    ficha: DemoFicha, posts: list[Row], comments: list[Row], dice: Dice
) -> DemoWorkbook:
    """One bad row of each kind the quarantine knows, spread through both sheets.

    Bad posts get no comments, so each planted row is the only one quarantined for
    its reason (no cascade of "unknown post" comments).
    """
    handle = ficha.handle("instagram")

    def like(index: int, **changes: Cell) -> Row:
        """A copy of a good post (a new URL of its platform unless given) with ``changes``."""
        values = dict(zip(POSTS_COLUMNS, posts[index], strict=True))
        values["post_url"] = _post_url(ficha, str(values["platform"]), dice)
        values.update(changes)
        return tuple(values[column] for column in POSTS_COLUMNS)

    n = len(posts)
    duplicate = posts[n // 5]
    bad_posts: dict[int, tuple[Row, str]] = {
        n // 8: (
            like(
                n // 8,
                post_url=f"https://twitter.com/{handle}/status/19{dice.token('0123456789', 17)}",
                platform="twitter",
            ),
            "unknown platform 'twitter'",
        ),
        n // 3: (
            like(n // 3, created_at="ayer"),
            "unparsable created_at 'ayer'",
        ),
        n // 2: (like(n // 2, likes=-12), "negative likes (-12)"),
        (2 * n) // 3: (
            like((2 * n) // 3, shares="muchos"),
            "non-numeric shares 'muchos'",
        ),
        (3 * n) // 4: (
            like(n // 5, post_url=duplicate[0], likes=int(duplicate[4] or 0) + 37),
            "duplicate post_url",
        ),
        (7 * n) // 8: (like((7 * n) // 8, post_url=None), "missing required post_url"),
    }
    known = {row[0] for row in posts}
    ghost = _post_url(ficha, "instagram", dice)
    while ghost in known:
        ghost = _post_url(ficha, "instagram", dice)
    m = len(comments)
    sample = comments[m // 3]
    bad_comments: dict[int, tuple[Row, str]] = {
        m // 4: (
            (ghost, "Y mi pedido??? nadie responde 😡", "cliente.molesto_22", comments[m // 4][3]),
            "comment on an unknown post_url",
        ),
        (3 * m) // 5: (
            (sample[0], "Alguien sabe si hay stock?", None, sample[3]),
            "missing required ownerUsername",
        ),
    }
    post_rows, planted = _interleave(POSTS_SHEET, posts, bad_posts)
    comment_rows, planted_comments = _interleave(COMMENTS_SHEET, comments, bad_comments)
    first = 2 + next(i for i, row in enumerate(post_rows) if row[0] == duplicate[0])
    planted = tuple(
        PlantedRow(bad.sheet, bad.row, f"{bad.reason} (first seen in row {first})")
        if bad.reason == "duplicate post_url"
        else bad
        for bad in planted
    )
    return DemoWorkbook(ficha, post_rows, comment_rows, planted + planted_comments)


def _interleave(
    sheet: str, rows: list[Row], bad: Mapping[int, tuple[Row, str]]
) -> tuple[tuple[Row, ...], tuple[PlantedRow, ...]]:
    """Good rows with each bad row inserted before good row ``index``; row numbers as shown."""
    out: list[Row] = []
    planted: list[PlantedRow] = []
    for index, row in enumerate(rows):
        if index in bad:
            bad_row, reason = bad[index]
            planted.append(PlantedRow(sheet, len(out) + 2, reason))
            out.append(bad_row)
        out.append(row)
    return tuple(out), tuple(planted)


def write_workbook(book: DemoWorkbook, path: Path) -> Path:
    """Write the two sheets with a header row; empty cells stay empty (``None``)."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    posts = workbook.create_sheet(POSTS_SHEET)
    comments = workbook.create_sheet(COMMENTS_SHEET)
    for sheet, header, rows in (
        (posts, POSTS_COLUMNS, book.posts),
        (comments, COMMENTS_COLUMNS, book.comments),
    ):
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (48, 11, 26, 60, 8, 15, 8, 9), strict=True):
        posts.column_dimensions[letter].width = width
    for letter, width in zip("ABCD", (48, 70, 24, 26), strict=True):
        comments.column_dimensions[letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def generate_all(out_dir: Path = DEMO_DATA_DIR) -> tuple[DemoWorkbook, ...]:
    """Build and write every demo ficha's workbook into ``out_dir``."""
    books = tuple(build_workbook(ficha) for ficha in DEMO_CATALOG.fichas)
    for book in books:
        write_workbook(book, out_dir / book.ficha.workbook)
    return books


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the committed workbooks (or into the folder given as argument)."""
    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0]) if args else DEMO_DATA_DIR
    for book in generate_all(out_dir):
        print(
            f"{out_dir / book.ficha.workbook}: {len(book.posts)} posts, "
            f"{len(book.comments)} comments"
        )
        for bad in book.planted:
            print(f"  planted {bad.sheet} row {bad.row}: {bad.reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
