"""Speed of the offline annotator (and, when present, of the ten modules) on one core.

Two seeded sets of 100,000 comments, built from the project's own phrase lists:

- *real length*: word counts drawn from the length distribution of real comments
  (about 20 words in Spanish, 14 in English), opinion mixed with plain narrative;
- *cue-dense*: 3–25 words where every word is an emoji, an opinion word, a negation or a
  contrast, the worst case for the rules.

For each it prints comments/s and characters/s in process (CPU time of one core), and the
lines/s of ``pixely annotate`` end to end (a fresh process reading a file of the same
comments, one per line, and printing one JSON object per line). If
``pixely_dagster.analysis.modules.analyze_partition`` exists it also times the ten modules
over the real-length comments; otherwise it says why that timing is skipped.

Run: ``.venv/bin/python benchmarks/annotator_speed.py [--comments N] [--no-cli]``
"""

import argparse
import importlib
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pixely_api.insights.context import BrandContext  # noqa: E402
from pixely_dagster.analysis.items import CommentItem, PartitionBatch, PostItem  # noqa: E402
from pixely_dagster.analysis.offline import OfflineAnnotator  # noqa: E402

SEED = 7
COMMENTS = 100_000
GOAL = 20_000
"""Comments/s in process on real-length text, one core."""
CLI_GOAL = 10_000
"""Lines/s of ``pixely annotate`` end to end, on both sets."""
MODULES_TARGET_S = 10.0
CONTEXT = BrandContext(
    brand_name="Café Aroma", competitors=("Starbucks", "Juan Valdez"), brand_handles=("cafearoma",)
)

_ES = {
    "open": ["", "Hola, ", "Buenos días, ", "Oye ", "Jajaja ", "Uff ", "La verdad ", "Ojo: "],
    "subject": [
        "el café", "el latte", "la atención", "el delivery", "la app", "el pedido", "la tienda",
        "el precio", "el empaque", "la promo", "el cheesecake", "el wifi", "la señal", "el plan",
        "las zapatillas", "la crema", "el sérum", "el repartidor", "la cajera", "el combo",
    ],
    "verdict": [
        "está buenísimo", "es pésimo", "me encanta", "no me gusta nada", "está chévere",
        "es un asco", "llegó frío", "nunca llega", "es carísimo", "está bacán", "es increíble",
        "no sirve", "está rico pero caro", "me decepcionó", "es lo máximo", "está normal",
        "sigue sin funcionar", "vale cada sol", "es una estafa", "me sorprendió",
    ],
    "tail": [
        "", "!!!", " 😍", " 😡😡", " 🙃", "...", " ¿tienen delivery?", " ¿precio?",
        " #NoLesCompren", " #LunesDeCafé", " @amiga_22 mira", " https://example.com/p",
        ", gracias por nada", ", lo quiero ya", " como barista te digo", " 🙏",
    ],
}  # fmt: skip
_EN = {
    "open": ["", "Hi, ", "Honestly ", "lol ", "Ugh, ", "Wow "],
    "subject": [
        "the coffee", "the service", "delivery", "the app", "my order", "the store", "the price",
        "the packaging", "the new menu", "the staff", "the sneakers", "the serum", "the signal",
    ],
    "verdict": [
        "is amazing", "is terrible", "is so good", "is not great", "sucks", "was cold again",
        "never arrived", "is overpriced", "is fire", "is ok I guess", "made my day",
        "broke after a week", "is a scam", "surprised me",
    ],
    "tail": [
        "", "!!", " 😍", " 🤬", " 🙃", " where can I buy it?", " #MondayCoffee",
        " @friend_1 look", " thanks for nothing", " 🔥🔥",
    ],
}  # fmt: skip


_ES_NARRATIVE = [
    "ayer fui con mi familia a la tienda del centro", "pedí por la app a las ocho de la noche",
    "mi hermana me lo recomendó hace unos meses", "lo probé el fin de semana en casa",
    "la caja trae doce unidades y una tarjeta", "el repartidor llegó a las diez y media",
    "quería saber si tienen otra sede por San Isidro", "siempre compro el de 250 gramos",
    "en mi oficina lo tomamos todas las mañanas", "lo vi en la publicación del lunes",
    "el mes pasado compré dos bolsas para regalar", "mi mamá dice que antes era distinto",
]  # fmt: skip
_EN_NARRATIVE = [
    "I ordered through the app last night", "my sister told me about it a few weeks ago",
    "we drink it at the office every morning", "the box comes with twelve pods",
    "the courier showed up around ten", "I saw it in your Monday post",
    "bought two bags last month as gifts", "my mom says it used to be different",
]  # fmt: skip
_JOINERS = [", ", " y ", ". ", " pero ", " porque ", " aunque ", "... ", "! "]
_EN_JOINERS = [", ", " and ", ". ", " but ", " because ", " although ", "... ", "! "]
REAL_LENGTH = {"es": (3.77, 5.10), "en": (4.50, 3.11)}
"""Gamma (shape, scale) of words per comment: means 19.2 (es) and 14.0 (en), matching the
length of real brand-page and social comments (standard deviations 9.9 and 6.6)."""
MAX_WORDS = 80
DENSE_WORDS = (3, 25)
_DENSE = [
    "buenísimo", "pésimo", "encanta", "odio", "rico", "asco", "horrible", "genial", "excelente",
    "malo", "bueno", "lindo", "feo", "caro", "barato", "increíble", "terrible", "delicioso",
    "decepción", "estafa", "triste", "feliz", "amo", "recomiendo", "amazing", "awful", "love",
    "hate", "great", "bad", "worst", "best", "delicious", "disgusting", "scam", "sad", "happy",
    "no", "nunca", "jamás", "ni", "sin", "tampoco", "not", "never", "don't", "nothing",
    "pero", "but", "aunque", "although",
    "😍", "😡", "🙃", "😭", "🔥", "👍", "💔", "🤬", "❤️", "😂", "🙄", "😢", "🥰", "👎",
]  # fmt: skip


def _shape(text: str, rng: random.Random) -> str:
    """The spelling of real comments: some without accents, some elongated, some shouted."""
    roll = rng.random()
    if roll < 0.1:
        return text.lower().replace("á", "a").replace("é", "e").replace("í", "i")
    if roll < 0.15:
        return text.replace("o ", "ooo ", 1)
    if roll < 0.2:
        return text.upper()
    return text


def _real_length_comment(rng: random.Random) -> str:
    """Clauses of opinion and narrative joined until the drawn length, then cut to it."""
    lang = "es" if rng.random() < 0.8 else "en"
    parts = _ES if lang == "es" else _EN
    narrative = _ES_NARRATIVE if lang == "es" else _EN_NARRATIVE
    joiners = _JOINERS if lang == "es" else _EN_JOINERS
    shape, scale = REAL_LENGTH[lang]
    target = max(1, min(MAX_WORDS, round(rng.gammavariate(shape, scale))))
    clauses: list[str] = [rng.choice(parts["open"])]
    words = 0
    while words < target:
        if rng.random() < 0.45:
            clause = rng.choice(narrative)
        else:
            clause = rng.choice(parts["subject"]) + " " + rng.choice(parts["verdict"])
        clauses.append(clause if words == 0 else rng.choice(joiners) + clause)
        words += len(clause.split())
    text = " ".join("".join(clauses).split()[:target])
    text += rng.choice(parts["tail"])
    return _shape(text, rng) + (f" {rng.randrange(1000)}" if rng.random() < 0.3 else "")


def generate(count: int = COMMENTS, seed: int = SEED) -> list[str]:
    """Comments of real length (~80 % Spanish), from the project's own phrase lists."""
    rng = random.Random(seed)
    return [_real_length_comment(rng) for _ in range(count)]


def generate_dense(
    count: int = COMMENTS, seed: int = SEED, words: tuple[int, int] = DENSE_WORDS
) -> list[str]:
    """The worst case for the rules: 3–25 words, every one an emoji, opinion word, negation
    or contrast, so every step (lookups, negation, contrast, cues) fires all the time."""
    rng = random.Random(seed)
    low, high = words
    return [" ".join(rng.choices(_DENSE, k=rng.randint(low, high))) for _ in range(count)]


LINEARITY_WORDS = (5, 25, 100)
LINEARITY_COMMENTS = 3_000


def linearity() -> str:
    """CPU microseconds per comment and per word for cue-dense comments of fixed lengths.

    Linear cost shows as a per-word figure that stays flat (or falls, as the fixed cost
    per comment is spread) while the comments grow twenty-fold.
    """
    cells = []
    for length in LINEARITY_WORDS:
        texts = generate_dense(LINEARITY_COMMENTS, seed=length, words=(length, length))
        _, cpu, _ = time_annotator(texts)
        per_comment = cpu / len(texts) * 1e6
        cells.append(f"{length} words {per_comment:.0f} µs ({per_comment / length:.1f} µs/word)")
    return "  cost by length (cue-dense): " + "; ".join(cells)


def time_annotator(texts: Sequence[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds to annotate every text in one call, and distinct texts read.

    CPU time is this process's own, so other work on a shared machine does not count
    against the annotator; the wall time is printed beside it.
    """
    annotator = OfflineAnnotator()
    annotator.annotate(texts[:200], CONTEXT)
    wall, cpu = time.perf_counter(), time.process_time()
    annotations = annotator.annotate(texts, CONTEXT)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if len(annotations) != len(texts):
        raise RuntimeError("the annotator lost comments")
    return wall, cpu, len(set(texts))


def _batch(texts: Sequence[str]) -> PartitionBatch:
    """One partition holding every comment, spread over 200 posts and 5,000 authors."""
    day = date(2025, 1, 1)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    posts = {
        f"https://instagram.com/p/{i}": PostItem(
            post_url=f"https://instagram.com/p/{i}",
            platform="instagram",
            created_at=start,
            likes=100 + i,
            comments_count=500,
        )
        for i in range(200)
    }
    urls = list(posts)
    comments = tuple(
        CommentItem(
            comment_id=f"c{i}",
            post_url=urls[i % len(urls)],
            platform="instagram",
            author=f"user{i % 5000}",
            text=text,
            created_at=start + timedelta(seconds=i % 86_000),
        )
        for i, text in enumerate(texts)
    )
    annotations = tuple(OfflineAnnotator().annotate([c.text for c in comments], CONTEXT))
    return PartitionBatch(CONTEXT, day, comments, annotations, posts)


def time_modules(texts: Sequence[str]) -> str:
    """The ten modules over the comments, or the reason the timing is skipped."""
    try:
        run = importlib.import_module("pixely_dagster.analysis.modules")
    except ModuleNotFoundError as error:
        return f"module timing skipped: {error.name} does not exist yet"
    analyze = getattr(run, "analyze_partition", None)
    if analyze is None:
        return "module timing skipped: pixely_dagster.analysis.modules has no analyze_partition"
    batch = _batch(texts)
    started = time.perf_counter()
    try:
        analyze(batch)
    except Exception as error:  # another team's module in progress: report, keep our figure
        return f"module timing failed: analyze_partition raised {type(error).__name__}: {error}"
    elapsed = time.perf_counter() - started
    verdict = "ok" if elapsed < MODULES_TARGET_S else f"over the {MODULES_TARGET_S:.0f} s target"
    return f"ten modules over {len(texts):,} comments: {elapsed:.2f} s ({verdict})"


def time_cli(texts: Sequence[str]) -> tuple[float, float]:
    """Wall and CPU seconds of ``pixely annotate FILE`` over the texts, process start included.

    The child's CPU time is read from the operating system, so it counts one core's work
    whatever else the machine is running.
    """
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "comments.txt"
        source.write_text("\n".join(texts) + "\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        command = [sys.executable, "-c", "from pixely_dagster.cli import main; main()"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run(
            [*command, "annotate", str(source)],
            check=True,
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _verdict(rate: float, goal: float) -> str:
    return f"goal {goal:,.0f} met" if rate >= goal else f"BELOW the {goal:,.0f} goal"


def report(name: str, texts: Sequence[str], cli: bool) -> None:
    """Print one set's in-process and end-to-end figures."""
    words = sum(len(text.split()) for text in texts) / len(texts)
    chars = sum(len(text) for text in texts)
    wall, cpu, distinct = time_annotator(texts)
    rate = len(texts) / cpu
    print(
        f"{name}: {len(texts):,} comments ({distinct:,} distinct, {words:.1f} words and "
        f"{chars / len(texts):.0f} characters on average)"
    )
    goal = f" ({_verdict(rate, GOAL)})" if name == "real length" else ""
    print(
        f"  in process: {cpu:.2f} s CPU = {rate:,.0f} comments/s{goal}, "
        f"{chars / cpu:,.0f} characters/s; wall clock {len(texts) / wall:,.0f} comments/s"
    )
    if cli:
        wall, cpu = time_cli(texts)
        print(
            f"  pixely annotate end to end: {cpu:.2f} s CPU = {len(texts) / cpu:,.0f} lines/s "
            f"({_verdict(len(texts) / cpu, CLI_GOAL)}); wall clock {len(texts) / wall:,.0f}/s"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Print both sets' throughput and the module timing (or why it is skipped)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=COMMENTS)
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end timing")
    args = parser.parse_args(argv)
    texts = generate(args.comments)
    report("real length", texts, not args.no_cli)
    report("cue-dense", generate_dense(args.comments), not args.no_cli)
    print(linearity())
    print(time_modules(texts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
