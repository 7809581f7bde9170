"""Readings a person checks first on a brand's page, one kind of sentence per test.

Each test holds a general rule (not a single sentence): the examples vary the words,
the brand's product and the language around the construction the rule reads.
"""

import pytest

from pixely_api.insights.context import BrandContext
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.offline import OfflineAnnotator

CONTEXT = BrandContext(brand_name="Café Aroma", competitors=("Starbucks",))


@pytest.fixture(scope="module")
def annotator() -> OfflineAnnotator:
    return OfflineAnnotator()


def one(annotator: OfflineAnnotator, text: str) -> Annotation:
    return annotator.annotate([text], CONTEXT)[0]


@pytest.mark.parametrize(
    "text",
    [
        "ni loco vuelvo a comprar",
        "Ni muerta les vuelvo a pedir nada",
        "nunca más vuelvo",
        "Nunca más les compro, qué decepción",
        "No vuelvo a pedir en esta tienda",
        "Jamás recomiendo este lugar otra vez",
        "never buying from them again",
        "Never again.",
    ],
)
def test_a_negated_intention_to_return_is_a_leaving_detractor(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.churn_risk
    assert reading.is_complaint
    assert reading.stance <= -0.6
    assert not reading.purchase_intent


@pytest.mark.parametrize(
    "text",
    [
        "ya no compro",
        "a ese precio ya no",
        "Con estos precios ya no les pido, una pena",
        "Ya no los recomiendo",
        "I won't be ordering anymore",
        "At that price I'm out",
    ],
)
def test_a_customer_leaving_is_negative_and_flagged(annotator: OfflineAnnotator, text: str) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.churn_risk and reading.is_complaint
    assert reading.stance < 0


def test_leaving_after_praise_reads_as_sadness_not_joy(annotator: OfflineAnnotator) -> None:
    farewell = one(annotator, "Lo siento pero a 45 soles ya no, era mi café favorito")
    assert farewell.sentiment == "negative"
    assert farewell.dominant_emotion == "tristeza"
    recommended = one(annotator, "Siempre los recomendé pero con este precio ya no puedo 😭")
    assert recommended.sentiment == "negative"
    assert recommended.dominant_emotion != "alegria"
    assert recommended.churn_risk


def test_ya_no_about_something_else_is_not_leaving(annotator: OfflineAnnotator) -> None:
    assert not one(annotator, "Ya no hay stock de la talla 40?").churn_risk
    assert not one(annotator, "Ya no me molesta el estómago con este café descafeinado").churn_risk


@pytest.mark.parametrize(
    "text",
    [
        "El café is amazing pero el delivery was a disaster",
        "La app is terrible, pero el servicio ok",
        "The coffee is great pero el delivery fue pésimo",
    ],
)
def test_code_switched_opinions_are_read(annotator: OfflineAnnotator, text: str) -> None:
    assert one(annotator, text).sentiment in ("mixed", "negative")


def test_a_one_language_comment_keeps_its_own_reading_of_cognates(
    annotator: OfflineAnnotator,
) -> None:
    """``regular`` is a mild complaint in Spanish and a plain word in English."""
    assert one(annotator, "The regular size is available in store").sentiment == "neutral"
    assert one(annotator, "El café está regular").polarity < 0


@pytest.mark.parametrize(
    "text",
    [
        "el envío fue rápido y el café riquísimo, pero el empaque llegó abollado",
        "Las zapatillas son preciosas y cómodas, pero la caja llegó aplastada",
        "Delicious coffee and friendly staff, but the box arrived dented",
    ],
)
def test_praise_then_pero_and_a_fault_is_mixed_with_a_complaint(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "mixed"
    assert reading.is_complaint


def test_praise_then_pero_and_a_price_rise_is_not_positive(annotator: OfflineAnnotator) -> None:
    for text in (
        "Me encanta su café pero con esta subida va a ser un lujo",
        "Love the sneakers but with this price hike I can't",
    ):
        reading = one(annotator, text)
        assert reading.sentiment in ("mixed", "negative"), text
        assert reading.is_complaint, text


@pytest.mark.parametrize(
    "text",
    [
        "Súper rápido el envío, nomás 3 semanas",
        "Excelente atención, solo dos meses esperando el reembolso",
        "Great delivery, only took 3 weeks",
        "Qué rapidez 🙃",
        'Gracias por la "rapidez"',
        'Such "fast" shipping',
    ],
)
def test_sarcasm_marked_by_understatement_eyeroll_or_quotes(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sarcasm
    assert reading.sentiment == "negative"
    assert reading.dominant_emotion != "alegria"


def test_a_short_wait_is_not_ironic(annotator: OfflineAnnotator) -> None:
    reading = one(annotator, "Súper rápido el envío, llegó en solo 2 días")
    assert not reading.sarcasm
    assert reading.sentiment == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "¿Hacen envíos a Arequipa?",
        "¿Envían a Cusco?",
        "¿Cuánto cuesta la caja de 12?",
        "precio?",
        "Precio del combo familiar",
        "How much is the large bag?",
        "Do you ship to Canada?",
    ],
)
def test_shipping_and_price_questions_are_requests_with_purchase_intent(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.is_request
    assert reading.purchase_intent
    assert not reading.is_complaint
    assert reading.sentiment != "negative"


@pytest.mark.parametrize(
    "text",
    ["Gracias por la info 👍", "Gracias por la información", "Thanks for the info!"],
)
def test_thanks_are_praise_not_a_request(annotator: OfflineAnnotator, text: str) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "positive"
    assert not reading.is_request


def test_thanks_with_a_question_is_still_a_request(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "Gracias por la info, ¿hacen envíos a Piura?").is_request


@pytest.mark.parametrize(
    "text",
    ["Ya pedí la caja", "Ya lo compré, llega mañana", "I already ordered two bags"],
)
def test_who_already_bought_has_no_purchase_intent(annotator: OfflineAnnotator, text: str) -> None:
    assert not one(annotator, text).purchase_intent


def test_still_wanting_to_buy_keeps_purchase_intent(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "Lo quiero, ¿dónde lo compro?").purchase_intent


def test_loyalty_exhaustion_and_how_to_questions_are_not_leaving(
    annotator: OfflineAnnotator,
) -> None:
    loyal = one(annotator, "Ya no compro en otro lado, solo aquí ❤️")
    assert not loyal.churn_risk
    assert loyal.sentiment == "positive"
    assert not one(annotator, "Ya no puedo más con este calor, necesito un frappé").churn_risk
    assert not one(annotator, "¿Cómo cancelo el pedido que hice por error?").churn_risk


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Estupendo servicio, llegó antes de lo previsto", "positive"),
        ("Qué ternura el empaque nuevo", "positive"),
        ("Un acierto la nueva receta, felicitaciones", "positive"),
        ("Fue un logro conseguir mesa un sábado", "positive"),
        ("El cajero fue un caradura con nosotros", "negative"),
        ("Qué agobio la fila de hoy", "negative"),
        ("Luckily the store had my size", "positive"),
        ("The staff were arrogant and selfish with the last tables", "negative"),
        ("I dislike the new lid", "negative"),
        ("The manager was cruel to a new employee", "negative"),
    ],
)
def test_everyday_opinion_words_are_read(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    assert one(annotator, text).sentiment == sentiment


def test_an_everyday_word_keeps_the_negation_rule(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "No es fácil encontrar esta marca").sentiment != "positive"
    assert one(annotator, "That is not fair to loyal customers").sentiment == "negative"


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Cero profesionales, nadie sabe nada", "negative"),
        ("Zero help from support", "negative"),
        ("Cero problemas con el envío, todo perfecto", "positive"),
        ("Café cero azúcar, ¿lo tienen?", "neutral"),
    ],
)
def test_zero_negates_what_follows(annotator: OfflineAnnotator, text: str, sentiment: str) -> None:
    assert one(annotator, text).sentiment == sentiment


@pytest.mark.parametrize(
    "text",
    [
        "Me dejaron esperando una hora en la puerta",
        "Nos tuvieron esperando 40 minutos por un café",
        "Me dejaron plantado con el pedido",
        "They kept us waiting for an hour",
        "They left me hanging after three emails",
    ],
)
def test_being_kept_waiting_is_a_complaint_of_anger(annotator: OfflineAnnotator, text: str) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.dominant_emotion == "ira"


@pytest.mark.parametrize(
    "text",
    [
        "Se acabó lo bueno, ya no hay promo",
        "Se terminaron las tardes más bonitas en su terraza",
        "Perdí la confianza en ustedes",
        "Ya perdimos la fe en esta marca",
        "I've lost all trust in this brand",
    ],
)
def test_a_good_thing_ended_or_lost_is_sadness(annotator: OfflineAnnotator, text: str) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.dominant_emotion == "tristeza"


def test_an_end_to_trouble_or_a_tip_not_to_miss_stays_praise(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "Se acabaron los problemas con este café").sentiment == "positive"
    assert one(annotator, "No te lo puedes perder, está buenísimo").sentiment == "positive"
    assert one(annotator, "Perdí 5 kilos con este café, me encanta").sentiment == "positive"


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("What's so great about this place?", "negative"),
        ("What's so good about the new blend? Tastes the same", "negative"),
        ("What's so bad about asking for a discount?", "positive"),
    ],
)
def test_asking_what_is_so_good_about_it_denies_it(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    assert one(annotator, text).sentiment == sentiment


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Bueno, mañana paso por la tienda", "neutral"),
        ("Pues bueno, habrá que esperar al lunes", "neutral"),
        ("Buenooo, a ver si esta vez llega", "neutral"),
        ("El pedido llegó. Bueno, casi todo", "neutral"),
        ("Bueno, bonito y barato", "positive"),
        ("El café está bueno, lo recomiendo", "positive"),
        ("Buenísimo, gracias", "positive"),
    ],
)
def test_bueno_opening_a_sentence_is_well_not_praise(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    assert one(annotator, text).sentiment == sentiment


def test_bueno_in_scare_quotes_is_still_sarcastic_praise(annotator: OfflineAnnotator) -> None:
    assert one(annotator, 'Otra vez el café "bueno" que venden').sarcasm


@pytest.mark.parametrize(
    ("masked", "plain"),
    [
        ("Qué m*erda de servicio, tres días sin respuesta", "mierda"),
        ("Me cobraron dos veces, hijos de p*ta", "puta"),
        ("The delivery guy was a total a**hole", "asshole"),
        ("This new blend is sh*t", "shit"),
        ("f*cking amazing coffee, thank you", "fucking"),
        ("Worst f***ing app I've ever used", "fucking"),
    ],
)
def test_a_masked_swear_word_reads_as_the_word_it_hides(
    annotator: OfflineAnnotator, masked: str, plain: str
) -> None:
    star = masked.index("*")
    start = masked.rindex(" ", 0, star) + 1 if " " in masked[:star] else 0
    end = masked.find(" ", star)
    unmasked = masked[:start] + plain + (masked[end:] if end >= 0 else "")
    reading, reference = one(annotator, masked), one(annotator, unmasked)
    # English emotion comes from the learned model, which reads the words as written.
    assert (reading.sentiment, reading.polarity, reading.is_complaint) == (
        reference.sentiment,
        reference.polarity,
        reference.is_complaint,
    )
    assert reading.sentiment != "neutral"


@pytest.mark.parametrize(
    ("emphasis", "plain"),
    [
        ("*love* the new cup", "love the new cup"),
        ("Rico el café, *de verdad*", "Rico el café, de verdad"),
        ("wow* (the promo ends today)", "wow (the promo ends today)"),
        ("5* service at the Miraflores shop", "5 service at the Miraflores shop"),
    ],
)
def test_asterisks_for_emphasis_or_ratings_are_not_masks(
    annotator: OfflineAnnotator, emphasis: str, plain: str
) -> None:
    assert one(annotator, emphasis) == one(annotator, plain)


@pytest.mark.parametrize(
    "text",
    [
        "My son is sick after eating your yogurt",
        "I felt really sick after the chicken wrap",
        "your cold brew made me sick",
        "Mi hija se enfermó con el yogurt de ustedes",
        "Me enfermé después de comer en su local",
    ],
)
def test_falling_ill_after_the_product_is_a_negative_crisis(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.crisis


def test_sick_as_slang_praise_is_only_said_of_a_thing(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "this is sick, love the new cup design").sentiment == "positive"
    assert one(annotator, "the barista is sick today, so no latte art").sentiment == "negative"
    assert one(annotator, "I'm so sick of the app crashing").sentiment == "negative"


@pytest.mark.parametrize(
    ("as_it_sounds", "as_spelled"),
    [
        ("exelente servicio, volveré", "excelente servicio, volveré"),
        ("qué orrible la atención del local", "qué horrible la atención del local"),
        ("muy felis con mi pedido", "muy feliz con mi pedido"),
        ("una desepción total el delivery", "una decepción total el delivery"),
        ("el postre está delisioso", "el postre está delicioso"),
    ],
)
def test_a_spanish_word_spelled_as_it_sounds_reads_as_the_word(
    annotator: OfflineAnnotator, as_it_sounds: str, as_spelled: str
) -> None:
    reading = one(annotator, as_it_sounds)
    assert reading == one(annotator, as_spelled)
    assert reading.sentiment != "neutral"


@pytest.mark.parametrize(
    "text",
    [
        "me dejaron el carro en la puerta",
        "una vasta selección de granos",
        "el ciento de empanadas",
        "el himno nacional antes del partido",
        "se halla en la avenida principal",
    ],
)
def test_real_words_that_sound_like_opinion_words_stay_unread(
    annotator: OfflineAnnotator, text: str
) -> None:
    assert one(annotator, text).sentiment == "neutral"


@pytest.mark.parametrize(
    "text",
    [
        "El latte llegó frío. Genial.",
        "Dos horas esperando el delivery. Excelente servicio.",
        "Otra vez me cobraron el envío dos veces. Perfecto 👏",
        "No me contestan por interno desde el lunes. Muy bien.",
        "Waited an hour for a cold flat white. Great.",
        "Three days waiting for a reply. Awesome.",
    ],
)
def test_a_closing_word_of_praise_after_a_complaint_is_sarcasm(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sarcasm
    assert reading.sentiment == "negative"
    assert reading.is_complaint


@pytest.mark.parametrize(
    "text",
    [
        "Me encantó el latte. Genial.",
        "Llegó tarde pero todo riquísimo. Perfecto.",
        "Ya llegó mi pedido. Genial.",
        "Mañana abren a las 8. Excelente.",
        "Loved the new roast. Great.",
    ],
)
def test_a_closing_word_of_praise_after_praise_or_news_is_sincere(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert not reading.sarcasm
    assert reading.sentiment == "positive"


def test_a_closing_thanks_after_a_complaint_is_courtesy(annotator: OfflineAnnotator) -> None:
    reading = one(annotator, "No me llegó el pedido de ayer. Gracias.")
    assert not reading.sarcasm
    assert reading.is_complaint


@pytest.mark.parametrize(
    "text",
    [
        "Gracias, me cobraron dos veces",
        "Hola, buenas tardes, gracias. Me cobraron dos veces la suscripción",
        "Me llegó la talla equivocada, gracias",
        "Muchas gracias! Sigo esperando mi pedido desde el lunes",
        "Thanks, my package never showed up",
        "Thank you so much, I was charged twice for one order",
        "Jajaja pedí un combo y me llegó solo la bebida 😂",
        "jajaja otra vez me cobraron el delivery dos veces",
        "lol my order came with the wrong size 😂",
        "haha they forgot my drink again 🤣",
    ],
)
def test_courtesy_thanks_or_a_laugh_beside_a_complaint_do_not_praise(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.is_complaint
    assert reading.dominant_emotion not in ("alegria", "confianza")


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Gracias por la rapidez, pero me cobraron dos veces", "mixed"),
        ("Thanks for the fast reply, but I was still charged twice", "mixed"),
        ("Jajaja me encanta 😂", "positive"),
        ("Me encanta el café, gracias!", "positive"),
        ("Thanks so much, love the new blend 😂", "positive"),
        ("me cobraron dos veces pero ya me devolvieron, gracias!", "positive"),
        ("Hubo una demora pero me regalaron un postre, gracias!", "positive"),
        ("Mi pedido no llegó ayer pero hoy sí, gracias 😊", "positive"),
        ("Thanks, the refund for the double charge arrived", "positive"),
    ],
)
def test_thanks_for_something_a_remedy_or_a_laugh_with_no_complaint_keep_their_praise(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    assert one(annotator, text).sentiment == sentiment


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("el latte está bien caro para lo que es", "negative"),
        ("Está bien feo el vaso nuevo", "negative"),
        ("está bien rico el cheesecake", "positive"),
        ("Está bien, mañana paso a recogerlo", "positive"),
        ("más bien sabe a té que a café", "neutral"),
        ("pues bien, el sábado vamos", "neutral"),
        ("o bien lo recojo en tienda o bien me lo mandan", "neutral"),
    ],
)
def test_bien_is_very_before_an_opinion_and_a_connective_elsewhere(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    assert one(annotator, text).sentiment == sentiment


@pytest.mark.parametrize(
    "text",
    [
        "El latte llegó frío. ¿Está bien?",
        "The order arrived cold. Yes.",
        "Pensé que estaba frío. No está malo.",
    ],
)
def test_a_question_a_faint_word_or_a_negated_complaint_is_no_closing_verdict(
    annotator: OfflineAnnotator, text: str
) -> None:
    assert not one(annotator, text).sarcasm


@pytest.mark.parametrize(
    "text",
    [
        "Después de probar su café, no vuelvo al café de sobre 😂",
        "Desde que probé su cold brew ya no puedo tomar otro",
        "after trying your beans I'm never going back to instant",
        "Since discovering you guys I can't go back to supermarket coffee",
    ],
)
def test_not_going_back_to_the_old_habit_after_trying_the_brand_is_praise(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "positive"
    assert not reading.churn_risk
    assert not reading.is_complaint


@pytest.mark.parametrize(
    "text",
    [
        "Después de probar el nuevo blend, no vuelvo a comprar aquí",
        "Después de probar el sánguche, no vuelvo al local",
        "After trying the new menu I'm never going back to that store",
    ],
)
def test_not_going_back_to_the_brand_after_trying_it_is_still_leaving(
    annotator: OfflineAnnotator, text: str
) -> None:
    assert one(annotator, text).sentiment == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Pensé que era mejor",
        "Creí que sería más rico, la verdad",
        "Esperaba algo mejor por ese precio",
        "Antes era buenísimo, ahora no sé qué le pasó",
        "Se suponía que llegaba fresco",
        "Ojalá hubieran respetado la fecha de entrega",
        "Hubiera sido genial que llegara a tiempo",
        "Debería ser más barato",
    ],
)
def test_an_expectation_that_was_not_met_is_disappointment(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.dominant_emotion == "tristeza"


@pytest.mark.parametrize(
    "text",
    [
        "I thought it would be better",
        "The cold brew used to be great",
        "It was supposed to be fresh",
        "I expected it to be delicious",
        "This should have been better for the price",
    ],
)
def test_an_expectation_that_was_not_met_is_negative_in_english(
    annotator: OfflineAnnotator, text: str
) -> None:
    """Sentiment only: the learned English emotion reads the words as written, so *used to
    be great* may still be joy to it (README, "What 2.6 changed")."""
    assert one(annotator, text).sentiment == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Pensé que sería malo pero me encantó",
        "Creí que no me iba a gustar y me encantó",
        "Antes era malo, ahora es buenísimo",
        "I thought it would be awful but it's amazing",
    ],
)
def test_a_fear_proved_wrong_or_a_change_for_the_better_is_praise(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "positive"
    if reading.language == "es":
        assert reading.dominant_emotion in ("alegria", "confianza")


@pytest.mark.parametrize(
    "text",
    [
        "Que bonito pagar 7 soles mas por la misma bolsa 👏👏",
        "Qué lindo pagar el doble por lo mismo",
        "Qué rico tener que esperar 40 minutos por un café",
        "Love paying double for the same bag",
        "Gotta love waiting 2 hours for a latte",
    ],
)
def test_praising_paying_more_or_waiting_long_is_sarcasm(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sarcasm
    assert reading.sentiment == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Qué bueno pagar con Yape",
        "Qué lindo esperar el fin de semana con un buen café",
        "I love waiting for the new blend every fall",
        "Love paying with my phone here",
    ],
)
def test_praising_a_way_to_pay_or_a_wait_for_something_good_is_sincere(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert not reading.sarcasm
    assert reading.sentiment == "positive"


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Superó mis expectativas", "positive"),
        ("Llegó antes de lo esperado, gracias", "positive"),
        ("Exceeded my expectations", "positive"),
        ("Arrived earlier than expected", "positive"),
        ("Faltó un sobre en mi pedido", "negative"),
        ("Ya no es lo que era", "negative"),
        ("Honestly not what it used to be", "negative"),
        ("Podría ser mejor", "negative"),
        ("Could be better", "negative"),
        ("Muy aguado el latte", "negative"),
        ("The latte was watery", "negative"),
    ],
)
def test_what_beat_or_missed_the_expectation_is_read(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    assert one(annotator, text).sentiment == sentiment


def test_a_slow_delivery_after_praise_is_not_praise(annotator: OfflineAnnotator) -> None:
    reading = one(annotator, "Rico pero la entrega demoró")
    assert reading.sentiment in ("mixed", "negative")
    assert reading.is_complaint


@pytest.mark.parametrize(
    "text",
    ["No tardó nada en llegar", "No demoró nada", "No me costó nada encontrarlo en la tienda"],
)
def test_spanish_double_negation_after_the_verb_is_one_negation(
    annotator: OfflineAnnotator, text: str
) -> None:
    assert one(annotator, text).sentiment != "negative"


def test_ni_still_negates_the_next_opinion(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "No es bueno ni barato").sentiment == "negative"


@pytest.mark.parametrize(
    "text", ["Ninguna de las bolsas tenía buen sabor", "None of the bags tasted good"]
)
def test_none_of_them_negates_what_they_were(annotator: OfflineAnnotator, text: str) -> None:
    assert one(annotator, text).sentiment == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Sigo esperando respuesta",
        "Me cobraron dos veces",
        "Hice un reclamo hace una semana",
        "They charged me twice",
        "My package never showed up",
    ],
)
def test_a_complaint_with_no_opinion_word_is_negative(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.is_complaint


def test_asking_where_to_complain_is_a_request_not_a_verdict(annotator: OfflineAnnotator) -> None:
    reading = one(annotator, "¿Dónde puedo reclamar?")
    assert reading.sentiment == "neutral"
    assert reading.is_request


def test_demanding_measures_in_the_news_is_not_a_complaint(annotator: OfflineAnnotator) -> None:
    reading = one(annotator, "Los vecinos marchan para reclamar más parques en el distrito")
    assert not reading.is_complaint
    assert reading.sentiment == "neutral"


@pytest.mark.parametrize(
    ("text", "sentiment", "leaving"),
    [
        ("Lo volvería a comprar", "positive", False),
        ("Volveré a pedir, gracias", "positive", False),
        ("Would buy again", "positive", False),
        ("Will definitely order again", "positive", False),
        ("No lo volvería a comprar", "negative", True),
        ("Wouldn't buy again", "negative", True),
        ("Got the wrong order again", "negative", False),
    ],
)
def test_buying_again_is_loyalty_and_not_buying_again_is_leaving(
    annotator: OfflineAnnotator, text: str, sentiment: str, leaving: bool
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == sentiment
    assert reading.churn_risk == leaving


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [("Five stars", "positive"), ("5 stars!", "positive"), ("Cinco estrellas", "positive")],
)
def test_a_bare_star_rating_is_read(annotator: OfflineAnnotator, text: str, sentiment: str) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == sentiment
    assert reading.language != "und"


@pytest.mark.parametrize(
    "text",
    [
        "Usa el código PIXEL10 y obtén 20% de descuento!! Link en bio 😍",
        "Increíbles ofertas, visita mi perfil 🔥🔥",
        "50% off with code SAVE50, link in bio ❤️",
        "Check my profile for amazing deals!!",
    ],
)
def test_an_advert_is_neutral_with_no_emotion(annotator: OfflineAnnotator, text: str) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "neutral"
    assert reading.dominant_emotion is None


@pytest.mark.parametrize(
    "text", ["Me hicieron 20 de descuento, genial", "The discount code worked, great service"]
)
def test_praise_for_a_discount_is_still_praise(annotator: OfflineAnnotator, text: str) -> None:
    assert one(annotator, text).sentiment == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "¿En serio? ¿Subieron otra vez el precio?",
        "¿Subieron el precio?",
        "Raised the prices again?",
    ],
)
def test_asking_whether_the_price_went_up_is_a_protest_not_purchase_intent(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.is_complaint
    assert not reading.purchase_intent


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Nunca pensé que me iban a tratar tan mal", "negative"),
        ("Never thought I would love decaf this much", "positive"),
        ("Jamás pensé que un café de sobre sería tan rico", "positive"),
    ],
)
def test_never_having_thought_it_is_surprise_not_an_unmet_expectation(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == sentiment
    assert reading.emotions.sorpresa > 0


@pytest.mark.parametrize(
    "text",
    ["Esperaba con ansias el nuevo blend", "No puedo esperar a probarlo", "No veo la hora de ir"],
)
def test_waiting_eagerly_is_anticipation_not_an_unmet_expectation(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.sentiment == "positive"
    assert reading.dominant_emotion == "anticipacion"


@pytest.mark.parametrize(
    "text",
    [
        "La app no me deja pagar",
        "The app won't let me pay",
        "Me mandaron otra talla",
        "Me llegó otro producto",
    ],
)
def test_an_app_that_blocks_or_a_wrong_item_is_a_complaint(
    annotator: OfflineAnnotator, text: str
) -> None:
    assert one(annotator, text).is_complaint


def test_never_ceasing_to_amaze_is_not_a_blocked_app(annotator: OfflineAnnotator) -> None:
    reading = one(annotator, "No me deja de sorprender lo rico que es")
    assert reading.sentiment == "positive"
    assert not reading.is_complaint


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Shipping took forever", "negative"),
        ("Absolutely love it, but shipping took forever", "mixed"),
        ("Mi pedido llegó tarde otra vez", "negative"),
        ("Nunca llegó tarde", "positive"),
        ("Tastes like dirt", "negative"),
        ("Sabe a agua", "negative"),
        ("It looks like a great place", "positive"),
        ("Looks like rain today", "neutral"),
        ("This is my go-to coffee now", "positive"),
    ],
)
def test_slow_late_watery_and_comparisons_are_read(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    assert one(annotator, text).sentiment == sentiment


def test_a_delivery_that_took_weeks_is_a_complaint(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "Took 3 weeks to arrive").is_complaint


SENTIMENT_BY_KIND: dict[str, list[tuple[str, str]]] = {
    "too much of a taste or a size is a fault, too good is praise": [
        ("Demasiado dulce", "negative"),
        ("El frappé está demasiado dulce para mí", "negative"),
        ("Muy salado para mi gusto", "negative"),
        ("Way too salty", "negative"),
        ("Too sweet for me, sorry", "negative"),
        ("Too much sugar in the latte", "negative"),
        ("Las zapatillas me quedan demasiado apretadas", "negative"),
        ("Too good to be true", "positive"),
        ("Demasiado bueno", "positive"),
    ],
    "never having had a problem is praise, never anything so bad is not": [
        ("Never had a problem with them", "positive"),
        ("Never had an issue, five years ordering", "positive"),
        ("never had any complaints", "positive"),
        ("Never had a bad cup here", "positive"),
        ("Nunca he tenido un problema con sus pedidos", "positive"),
        ("Nunca tuve ningún problema", "positive"),
        ("Never had such bad service", "negative"),
        ("Nunca he tenido un servicio tan malo", "negative"),
    ],
    "a rating reads by where it sits on its scale": [
        ("10/10", "positive"),
        ("9/10 would recommend", "positive"),
        ("4 out of 5", "positive"),
        ("5 estrellas, súper recomendado", "positive"),
        ("Five stars", "positive"),
        ("3 de 5 estrellas", "neutral"),
        ("Le doy un 6/10", "neutral"),
        ("El 1/5 abrimos nueva tienda en Surco", "neutral"),
        ("2 stars", "negative"),
        ("2/5 estrellas", "negative"),
        ("1/10 no vuelvo", "negative"),
        ("Ni una estrella le doy", "negative"),
        ("Zero stars", "negative"),
    ],
    "a skin reaction or a garment that fades is a fault": [
        ("Me salieron granitos con esta crema", "negative"),
        ("Me irritó la piel", "negative"),
        ("Gave me a rash", "negative"),
        ("Se me descoloró a la primera lavada", "negative"),
        ("Faded after one wash", "negative"),
        ("La costura se descosió", "negative"),
        ("Pongo mi granito de arena, los apoyo siempre", "positive"),
    ],
    "being ignored, kept waiting or charged for everything is a fault": [
        ("El mesero nos ignoró toda la noche", "negative"),
        ("They ignored my messages", "negative"),
        ("We waited 40 minutes for a table", "negative"),
        ("Esperamos 40 minutos y nada", "negative"),
        ("Nos hicieron esperar media hora", "negative"),
        ("Cobran por todo", "negative"),
        ("They charge for everything", "negative"),
        ("Overrated", "negative"),
        ("Stood me up", "negative"),
    ],
    "the hype doubted is a fault, money well spent is praise": [
        ("I don't get the hype", "negative"),
        ("No entiendo el hype, es un café normal", "negative"),
        ("Not worth the hype", "negative"),
        ("The only downside is the price", "negative"),
        ("Valió cada centavo", "positive"),
    ],
    "cheap as a price is praise, as a make a fault": [
        ("Se nota la calidad", "positive"),
        ("Well made, worth it", "positive"),
        ("Barato y rico", "positive"),
        ("Se siente barato", "negative"),
        ("Feels cheap", "negative"),
        ("Cheaply made", "negative"),
        ("It's giving cheap", "negative"),
    ],
    "nice in photos but not in person is a fault": [
        ("Looks nice in photos but not in person", "negative"),
    ],
    "portions, raw or melted food and a taste off are read": [
        ("Porciones muy pequeñas", "negative"),
        ("Tiny portions", "negative"),
        ("Porciones generosas", "positive"),
        ("Huge portions", "positive"),
        ("The chicken was raw", "negative"),
        ("El pollo estaba crudo", "negative"),
        ("Se les pasó la mano con el azúcar", "negative"),
        ("Le falta sal", "negative"),
        ("Needs more salt", "negative"),
        ("No tiene sabor", "negative"),
        ("Sabe raro", "negative"),
        ("Llegó derretido", "negative"),
        ("Arrived melted", "negative"),
    ],
    "a problem solved is praise, one left unsolved a fault": [
        ("Me solucionaron el problema en 5 minutos", "positive"),
        ("They fixed my issue in minutes", "positive"),
        ("Por fin me devolvieron mi dinero", "positive"),
        ("No me solucionaron el problema", "negative"),
        ("They never fixed the problem", "negative"),
    ],
    "everyday verdicts and slang; no cap does not negate": [
        ("Game changer", "positive"),
        ("Life changing", "positive"),
        ("Can't stop drinking it", "positive"),
        ("This slaps", "positive"),
        ("Bussin", "positive"),
        ("It hits different", "positive"),
        ("No cap the best coffee in town", "positive"),
        ("Shoutout to Mike at the front desk", "positive"),
        ("Hace lo que promete", "positive"),
        ("It does the job", "positive"),
        ("Doesn't do what it says", "negative"),
        ("Unimpressed", "negative"),
        ("Underwhelming", "negative"),
        ("Honestly it's mid", "negative"),
        ("He got a slap on the wrist", "neutral"),
        ("In mid July we open a new store", "neutral"),
    ],
    "what went wrong, said plainly, is a fault": [
        ("Still haven't received my package, it's been 3 weeks", "negative"),
        ("Been waiting 2 hours for my food", "negative"),
        ("I got someone else's order", "negative"),
        ("Transfer has been pending for 5 days", "negative"),
        ("The strawberries were moldy the next day", "negative"),
        ("My order arrived cold again", "negative"),
        ("Missing 3 items from my order and no refund yet", "negative"),
        ("There were rats in the kitchen", "negative"),
        ("Used to love this place but it's gone downhill", "negative"),
        ("This is the last straw", "negative"),
        ("I really wanted to like this", "negative"),
        ("Staff were lovely but the food was mid", "mixed"),
    ],
    "a complaint asked as a question is a fault": [
        ("Why is my bill $30 higher this month??", "negative"),
        ("Been with you 10 years and this is how you treat loyal customers?", "negative"),
    ],
    "a problem stated before the comma of a question is a fault; a question alone asks": [
        ("Internet has been down since yesterday, any update?", "negative"),
        ("Still waiting for my refund, what's going on?", "negative"),
        ("Sigo esperando mi pedido, alguien me puede ayudar?", "negative"),
        ("Hola, dónde puedo reclamar?", "neutral"),
        ("Si me cobran dos veces, qué hago?", "neutral"),
        ("Hi there, is the Miraflores store open on Sundays?", "neutral"),
        ("En caso de que me cobren dos veces, a quién le escribo?", "neutral"),
        ("My friend said her package never showed up, is that common?", "neutral"),
        ("Vi que a otros les cobraron dos veces, ya lo arreglaron?", "neutral"),
        ("Ya me devolvieron lo que me cobraron dos veces, tengo que hacer algo más?", "neutral"),
    ],
    "praise said through a negation is praise, disappointment so said is not": [
        ("Couldn't be happier with my order", "positive"),
        ("Can't recommend this place enough", "positive"),
        ("Nobody does it better", "positive"),
        ("Nothing beats your cold brew", "positive"),
        ("Don't sleep on their breakfast menu", "positive"),
        ("Never had a single problem with my phone plan", "positive"),
        ("Couldn't be more disappointed", "negative"),
        ("I have never been so disappointed in a brand", "negative"),
    ],
    "tbh and ngl add nothing of their own": [
        ("tbh the fries were cold", "negative"),
        ("A bit rubbish tbh", "negative"),
        ("ngl it was mid", "negative"),
    ],
    "everyday English praise and blame": [
        ("You guys are killing it with these flavors", "positive"),
        ("Killer prices this week!", "positive"),
        ("This is the bomb", "positive"),
        ("Dangerously good cookies", "positive"),
        ("Chuffed to bits with my order", "positive"),
        ("Cracking value for money", "positive"),
        ("Comfiest shoes I've ever owned", "positive"),
        ("Opened an account today, super easy process", "positive"),
        ("Got my refund in 2 days, thanks!", "positive"),
        ("Total shambles at the Leeds branch", "negative"),
        ("Huge L for this brand", "negative"),
    ],
    "a Spanish problem said plainly is a fault": [
        ("Me cobraron dos veces. ¿Cómo hago para el reembolso?", "negative"),
        ("Sigo esperando mi pedido, ¿alguien me responde?", "negative"),
        ("¿Dónde puedo reclamar?", "neutral"),
        ("Jajaja me llegó otra talla", "negative"),
        ("No tengo internet desde el lunes", "negative"),
        ("Mi vuelo se retrasó 6 horas y no nos dieron ni agua", "negative"),
        ("Pedí una M y me llegó una S", "negative"),
        ("Me llegó el pedido de otra persona", "negative"),
        ("Me llegó abierto el paquete", "negative"),
        ("Compré las zapatillas y a la semana se despegó la suela", "negative"),
        ("Aún no me devuelven mi dinero", "negative"),
        ("Ha empeorado mucho la calidad", "negative"),
        ("Empeoró el servicio", "negative"),
        ("Buen producto, pero la atención al cliente deja mucho que desear", "negative"),
        ("Nunca llegó tarde", "positive"),
        ("El avión despegó a tiempo", "neutral"),
    ],
    "Spanish praise said through a negation is praise": [
        ("No hay mejor café en todo Bogotá", "positive"),
        ("Jamás había probado algo tan rico", "positive"),
        ("No conozco mejor servicio técnico", "positive"),
        ("No podía estar más feliz", "positive"),
        ("No pudo ser mejor", "positive"),
        ("Nadie lo hace como ustedes", "positive"),
        ("Nada se compara con sus empanadas", "positive"),
        ("No me canso de pedir aquí", "positive"),
    ],
    "all was well until something happened is a fault": [
        ("Estaba todo perfecto hasta que me trajeron la cuenta 😂", "negative"),
        ("Todo bien hasta que llegó el mesero", "negative"),
        ("Everything was great until they changed the recipe", "negative"),
        ("Espérame hasta que llegue, todo bien", "positive"),
        ("No pares hasta que esté bien dorado", "positive"),
    ],
    "a film's genre is no fear; too loud and a paywall are faults": [
        ("@pedro_ga vamos el viernes a ver la de terror?", "neutral"),
        ("La película de terror estuvo buenísima", "positive"),
        ("The sound was way too loud", "negative"),
        ("Half the content is locked behind more paywalls", "negative"),
    ],
    "praise of one thing beside blame of another is mixed": [
        ("Buen producto, mala atención", "mixed"),
        ("Rico el café, pésima la atención", "mixed"),
        ("Me encantó el pastel de zanahoria pero el café estaba muy amargo", "mixed"),
    ],
    "a health or safety report is a fault": [
        ("Me quemó la piel, estoy con ardor y manchas", "negative"),
        ("Se me cayó el pelo con ese shampoo", "negative"),
        ("Me dio diarrea después de comer ahí", "negative"),
        ("Nos discriminaron por nuestra ropa", "negative"),
        ("Terminé en el hospital después de comer ahí", "negative"),
    ],
    "words of Spanish-speaking countries": [
        ("Es mi tercer pedido y siempre todo impecable", "positive"),
        ("Estoy enamorada de este lugar", "positive"),
        ("Está la raja el completo", "positive"),
        ("Está de muerte el cocido", "positive"),
        ("Es una pasada", "positive"),
        ("Qué hambre me dio este post", "positive"),
        ("Trabajo en un hospital y su café me salva los turnos", "positive"),
        ("Me hicieron el reembolso al toque, gracias!", "positive"),
        ("Qué fome", "negative"),
        ("Un timo", "negative"),
        ("Soy enfermera y este café es mi combustible 😂", "neutral"),
    ],
    "a complaint after pero or but weighs though it holds no opinion word": [
        ("nice staff but we waited 45 minutes for a table", "negative"),
        ("Genial el café, pero me cobraron dos veces", "mixed"),
        ("Love it but the app won't let me pay", "mixed"),
        ("Me cobraron dos veces, pero me devolvieron el dinero rápido", "positive"),
        ("La base tiene buena cobertura pero oxida a las pocas horas", "negative"),
        ("El producto es bueno, sin embargo la atención dejó mucho que desear", "negative"),
    ],
    "a problem solved, then praised, is praise, not irony": [
        ("had a problem with my order, Kevin sorted it out in 5 min. legend", "positive"),
        (
            "the app crashed at checkout, but they called me back and fixed it. great service",
            "positive",
        ),
        ("Se me perdió el paquete pero me mandaron otro sin costo. Muy agradecida.", "positive"),
        ("El latte llegó frío. Genial.", "negative"),
    ],
    "plain reports and warnings in English": [
        ("you forgot my drink AGAIN", "negative"),
        ("my phone arrived with a cracked screen", "negative"),
        ("washed it once and it shrank two sizes", "negative"),
        ("cute bag but it fell apart in a month", "negative"),
        ("don't waste your money", "negative"),
        ("avoid this place", "negative"),
        ("stay away from this store", "negative"),
        ("never had a good experience at this location", "negative"),
        ("not entering, these giveaways are always rigged", "negative"),
        ("my skin has never looked better since I started using this serum", "positive"),
        ("no better place in town", "positive"),
        ("can't say enough good things", "positive"),
        ("RIP my wallet", "positive"),
        ("that sauce is killer", "positive"),
    ],
    "plain reports in Spanish, with what was expected and what was lost": [
        ("No puedo iniciar sesión en la app", "negative"),
        ("Pagué con Plin y el pedido nunca se confirmó", "negative"),
        ("Pedí talla S y me llegó una XL", "negative"),
        ("El labial se corre apenas tomas agua", "negative"),
        ("Me reí para no llorar, 2 horas esperando 😂😂", "negative"),
        ("Sinceramente no lo recomiendo", "negative"),
        ("Honestamente el servicio fue regular", "negative"),
        ("Pensé que iba a ser mejor", "negative"),
        ("Me gustaba más la receta de antes", "negative"),
        ("Sorteo arreglado", "negative"),
        ("Es un red flag que no respondan DMs", "negative"),
        ("No hay nada mejor que un café de acá un lunes", "positive"),
        ("Es caro, sin embargo lo sigo comprando porque no hay otro igual", "positive"),
        ("Me robaron el corazón con este combo", "positive"),
        ("Amazing experiencia, 100% volvería", "positive"),
        ("Participo @sol_k 🍀 ojalá esta sea la vencida", "positive"),
    ],
    "anger, weariness and letdown in everyday words of each country are negative": [
        ("Qué cólera que el pedido llegue frío otra vez", "negative"),
        ("Me da cólera que no contesten los mensajes", "negative"),
        ("Qué fastidio, otra vez sin señal en la casa", "negative"),
        ("Qué chasco la nueva receta", "negative"),
        ("Estoy hasta la coronilla de sus promociones por SMS", "negative"),
        ("La tienda del centro es un chiquero", "negative"),
        ("Estoy chato de esperar al técnico", "negative"),
        ("Ando bajoneada desde que cerraron el local de mi barrio", "negative"),
        ("Qué huevada de atención", "negative"),
        ("Me emputa que cambien los precios sin avisar", "negative"),
        ("Puro cuento su garantía", "negative"),
        ("Llegó la licuadora malograda", "negative"),
        ("No aguanto más esta señal", "negative"),
        ("Ya no puedo más con este calor", "negative"),
    ],
    "a service word negated is a complaint": [
        ("Ningún beneficio por ser cliente de años", "negative"),
        ("No quedé satisfecha con el corte", "negative"),
        ("Ni una disculpa por la demora", "negative"),
        ("No me ayudaron en nada en la tienda", "negative"),
        ("Es increíble que no respondan los correos", "negative"),
        ("Quedé muy satisfecho con la compra", "positive"),
        ("Tengan paciencia, el pedido ya sale", "neutral"),
        ("Disculpa, ¿hacen envíos a Cusco?", "neutral"),
    ],
    "a wish that did not come true is a letdown": [
        ("Me hubiera gustado que me avisaran del retraso", "negative"),
        ("Tenía la esperanza de que mejoraran el servicio y nada", "negative"),
        ("Hubiera querido un café más caliente", "negative"),
    ],
    "praise and relief said in idioms are positive": [
        ("Se lucieron con la torta de cumpleaños", "positive"),
        ("Qué alivio, ya me devolvieron la plata", "positive"),
        ("El lomo saltado está para chuparse los dedos", "positive"),
        ("Este café es otro nivel", "positive"),
        ("Me salvaron el día con ese delivery", "positive"),
        ("Volvería mil veces", "positive"),
        ("Qué detallazo la tarjetita escrita a mano", "positive"),
        ("Llegó tal cual la foto", "positive"),
    ],
    "praise through a score in words, a long while without or a diminutive": [
        ("Diez de diez, sin dudarlo", "positive"),
        ("Ten out of ten, would order again", "positive"),
        ("Cuatro de diez, el pan llegó duro", "negative"),
        ("Somos más de diez en la oficina, ¿hacen pedidos grandes?", "neutral"),
        ("Hace tiempo no comía algo tan rico", "positive"),
        ("Hacía tiempo que no me atendían tan mal", "negative"),
        ("Desde que lo uso no vuelvo a otro", "positive"),
        ("No vuelvo a pedir aquí", "negative"),
        ("De lo mejorcito que he probado en Lima", "positive"),
    ],
    "a thing that stopped working, being ignored, a charge or a delivery in limbo": [
        ("El router dejó de funcionar a los dos días", "negative"),
        ("La cafetera gotea por abajo", "negative"),
        ("Les escribí el lunes y hasta ahora me dejan en visto", "negative"),
        ("Me pasaron con cuatro áreas distintas y nadie sabía nada", "negative"),
        ("En mi recibo aparece un cargo que nunca autoricé", "negative"),
        ("El repartidor marcó entregado y el pedido nunca llegó", "negative"),
        ("Llamé para reclamar y nada.", "negative"),
    ],
    "a question that judges is a complaint, one that asks is not": [
        ("¿Es en serio?", "negative"),
        ("¿Para esto pago 150 soles al mes?", "negative"),
        ("¿Cómo pueden cobrar tanto por un café?", "negative"),
        ("¿Es tan difícil contestar un mensaje?", "negative"),
        ("How hard is it to put the sauce in the bag?", "negative"),
        ("Is this a joke? Two hours for a pizza", "negative"),
        ("¿Es en serio que regalan café hoy?", "neutral"),
        ("¿Hasta cuándo dura la promoción?", "neutral"),
        ("¿Es bueno el plan de 50 megas para jugar?", "neutral"),
        ("¿Vale la pena el curso de barismo?", "neutral"),
        ("¿Cuál es mejor, el latte o el capuchino?", "neutral"),
        ("Is it worth it?", "neutral"),
        ("Is it just me or is the coffee terrible now?", "negative"),
        ("Me encanta, ¿es nuevo?", "positive"),
    ],
    "English praise in today's words, weariness and exasperation": [
        ("ok this pizza is elite", "positive"),
        ("that new playlist is a banger", "positive"),
        ("the customer service here is next level", "positive"),
        ("they went above and beyond for my order", "positive"),
        ("that flat white really hit the spot", "positive"),
        ("we'll be back next week for sure", "positive"),
        ("this heat is unbearable", "negative"),
        ("service could not have gone worse", "negative"),
        ("not a single apology from the airline", "negative"),
        ("honestly I expected better from you", "negative"),
        ("love waiting 40 mins for a bus that never shows up", "negative"),
        ("wifi's been down since Tuesday and nobody has called me back", "negative"),
        ("the app logs me out every five minutes", "negative"),
        ("tracking hasn't updated since last Monday", "negative"),
        ("no one is answering the phone", "negative"),
        ("it costs something like 5 dollars, right?", "neutral"),
        ("Are you guys amazing or what?", "positive"),
        ("Is it just me or is the new latte amazing?", "positive"),
    ],
    "an English name, a product or a call to action says no opinion": [
        ("I'll have a latte please", "neutral"),
        ("Great Britain finished fourth in the medal table", "neutral"),
        ("happy hour is 5 to 7 on weekdays", "neutral"),
        ("check the best before date on the pack", "neutral"),
        ("The app will be back online at 5pm", "neutral"),
        ("Elite members get early access to the sale", "neutral"),
        ("Turn on notifications so you never miss a drop", "neutral"),
        ("Join our free crash course in latte art this Saturday", "neutral"),
        ("Headache tablets are now on offer at the counter", "neutral"),
    ],
    "a place, a discourse word, a size or a nutrient says no opinion": [
        ("Mañana viajo a Costa Rica por trabajo", "neutral"),
        ("Abrimos nueva tienda en Villa Rica", "neutral"),
        ("El yogur es rico en proteínas", "neutral"),
        ("A lo mejor paso mañana por la tienda", "neutral"),
        ("Bueno pues, nos vemos en la tienda a las 5", "neutral"),
        ("Pedí el vaso chiquito para probar", "neutral"),
        ("El café está bueno pues", "positive"),
        ("El café de Villa Rica es buenísimo", "positive"),
    ],
}
"""Kinds of sentence 2.7 and later read, each with sentences of its own (README, "What
2.7 changed" and after): one table, so each kind is named once and its cases sit
together."""


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        pytest.param(text, sentiment, id=f"{kind}: {text}")
        for kind, cases in SENTIMENT_BY_KIND.items()
        for text, sentiment in cases
    ],
)
def test_a_kind_of_sentence_reads_as_a_person_reads_it(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    assert one(annotator, text).sentiment == sentiment


@pytest.mark.parametrize(
    "text",
    [
        "Caro pero lo vale",
        "Vale lo que cuesta",
        "El pedido llegó completo y a tiempo",
        "Customer service was top notch",
        "Made my skin glow",
    ],
)
def test_worth_it_on_time_and_top_notch_are_praise(annotator: OfflineAnnotator, text: str) -> None:
    """*Customer service* names a desk, no complaint (calling it three times is one):
    praise of it is praise."""
    reading = one(annotator, text)
    assert reading.sentiment == "positive"
    assert not reading.is_complaint


@pytest.mark.parametrize(
    "text",
    [
        "No es lo que pedí",
        "Nada que ver con lo que muestran en la foto",
        "El color es distinto al de la foto",
        "La talla no corresponde",
        "Me queda chico, devuélvanme mi plata",
        "Not what I ordered",
        "Not as pictured at all",
        "The color is different from the picture",
        "Runs small, order a size up",
        "Se cayó la app otra vez",
        "They cut my service without notice",
        "Me bloquearon la tarjeta sin razón",
        "Blocked my card for no reason",
        "La transferencia no se refleja",
        "My transfer hasn't gone through",
        "Me descontaron dos veces",
        "3 days without internet",
        "Me cambiaron de plan sin consultarme",
        "El técnico nunca vino",
    ],
)
def test_what_was_done_to_the_customer_without_an_opinion_word_is_a_complaint(
    annotator: OfflineAnnotator, text: str
) -> None:
    """An item unlike its picture, a wrong fit, a fallen app, a card blocked or a plan
    changed without asking, a transfer not through, a technician who never came."""
    reading = one(annotator, text)
    assert reading.sentiment == "negative"
    assert reading.is_complaint


def test_an_order_placed_without_asking_anyone_is_not_a_complaint(
    annotator: OfflineAnnotator,
) -> None:
    """Only what was done to the customer *sin consultarme* complains."""
    assert not one(annotator, "Ahora sin consultar ya pueden pedir por la app").is_complaint


@pytest.mark.parametrize(
    "text",
    [
        "When will it be back in stock?",
        "¿Cuándo vuelve a haber stock?",
        "¿Cuándo reponen la talla M?",
    ],
)
def test_asking_when_it_is_back_in_stock_is_purchase_intent(
    annotator: OfflineAnnotator, text: str
) -> None:
    reading = one(annotator, text)
    assert reading.is_request
    assert reading.purchase_intent


@pytest.mark.parametrize(
    ("text", "asking"),
    [
        ("Ya me respondieron por DM, gracias", False),
        ("They already replied, thanks", False),
        ("Me pueden ayudar con mi pedido, gracias", True),
    ],
)
def test_a_customer_already_answered_is_not_asking_but_a_closing_thanks_still_asks(
    annotator: OfflineAnnotator, text: str, asking: bool
) -> None:
    assert one(annotator, text).is_request is asking


@pytest.mark.parametrize(
    ("text", "sarcastic"),
    [
        ("Qué buena atención... nótese el sarcasmo", True),
        ("Excelente servicio #sarcasmo", True),
        ("Gracias por arruinar mi mañana", True),
        ("Thanks for ruining my morning", True),
        ("Llevo 3 horas esperando, gracias por tanto", True),
        ("Thanks for the 2 hour wait 👍", True),
        ("Absolutely love being on hold for an hour", True),
        ("Gracias por tanto amor", False),
        ("Gracias por tanto, los queremos", False),
    ],
)
def test_sarcasm_the_customer_names_or_thanks_for_harm_is_sarcasm(
    annotator: OfflineAnnotator, text: str, sarcastic: bool
) -> None:
    """*Gracias por tanto* is sincere unless it follows a wait."""
    reading = one(annotator, text)
    assert reading.sarcasm is sarcastic
    assert reading.sentiment == ("negative" if sarcastic else "positive")


def test_the_only_thing_missing_is_not_a_fault(annotator: OfflineAnnotator) -> None:
    """Only what the food lacks (*falta sal*) is a fault; *lo único que le falta* is not."""
    assert one(annotator, "Lo único que le falta es una sucursal en Cusco").sentiment != "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Deleted the app. Done with you guys.",
        "Closing my account today. Bye.",
        "This is my last order from you",
        "Will never fly with you again",
        "Nothing special, won't be back",
        "Can't wait to leave this bank",
        "I'll think twice before ordering again",
        "Considering cancelling tbh",
        "Nunca más vuelo con LATAM",
        "No vuelvo a viajar con ustedes",
        "Perdieron un cliente",
        "Cerré mi cuenta, no los soporto más",
        "Ni de coña vuelvo",
    ],
)
def test_a_customer_saying_goodbye_in_other_words_is_leaving(
    annotator: OfflineAnnotator, text: str
) -> None:
    """*Can't wait* is eagerness elsewhere; to leave, it is a detractor."""
    reading = one(annotator, text)
    assert reading.churn_risk
    assert reading.sentiment == "negative"


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Can I order online?", "neutral"),
        ("Gonna get this on payday", "neutral"),
        ("Adding this to my cart rn", "neutral"),
        ("Omg I want this so bad", "positive"),
        ("Shut up and take my money", "positive"),
        ("I'm broke but I'm buying this anyway lol", "neutral"),
    ],
)
def test_wanting_to_buy_in_everyday_words_is_purchase_intent(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    """*So bad* and *shut up* are not complaints here, and *broke* is the customer's wallet."""
    reading = one(annotator, text)
    assert reading.purchase_intent
    assert reading.sentiment == sentiment
    assert not reading.is_complaint


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("The milk was expired", True),
        ("There were rats in the kitchen", True),
        ("My coupon expired, can I get a new one?", False),
        ("Rats, missed the sale again", False),
    ],
)
def test_expired_food_and_rats_are_a_crisis_but_an_expired_coupon_and_rats_said_in_dismay_not(
    annotator: OfflineAnnotator, text: str, crisis: bool
) -> None:
    assert one(annotator, text).crisis is crisis


@pytest.mark.parametrize(
    ("text", "sarcastic"),
    [
        ("Genial, me cobraron dos veces, qué eficientes", True),
        ("Excelente atención, me colgaron el teléfono 3 veces", True),
        ("Qué maravilla, llegó todo aplastado", True),
        ("Wonderful. My package is lost.", True),
        ("Great customer service, they hung up on me twice", True),
        ("Me encanta que me cobren por algo que no uso", True),
        ("El mejor servicio del mundo, si te gusta esperar 3 horas", True),
        ("Excelente servicio... cuando funciona", True),
        ("Great customer service, they solved it in minutes", False),
        ("Excelente servicio, súper recomendado", False),
        ("Genial el café, pero me cobraron dos veces", False),
        ("Excelente café, aunque me cobraron dos veces", False),
        ("Gracias, me cobraron dos veces", False),
        ("Perfecto, tardaron una hora en atenderme", True),
        ("Excelente, demoraron dos horas con mi pedido", True),
        ("Increíble, tardó una hora en hornearse y quedó perfecto", False),
        ("Amazing, took 2 hours but worth the wait", False),
        ("Wow. Took 2 hours to bake and turned out perfect", False),
        ("Increíble, tardó una hora y no quedó perfecto", True),
        ("Buen producto, mala atención", False),
        ("Rico el café, pésima la atención", False),
        ("Qué maravilla, esperar una hora para que me digan que no hay producto 👏👏", True),
        ("Qué maravilla, esperar una hora por este pan vale totalmente la pena", False),
    ],
)
def test_a_short_opening_of_praise_before_a_complaint_is_sarcasm(
    annotator: OfflineAnnotator, text: str, sarcastic: bool
) -> None:
    """The mirror of the closing verdict: *Genial,* then a complaint is irony; a contrast
    or a concession keeps praise and complaint apart, a thanks is courtesy, a wait that
    paid off (*quedó perfecto*, *worth the wait*) is no irony, and praise of one thing
    beside an opinion word against another (*Buen producto, mala atención*) is sincere."""
    assert one(annotator, text).sarcasm is sarcastic


@pytest.mark.parametrize(
    "text",
    [
        "Quiero comprarlo, ¿tienen en azul?",
        "Mañana mismo voy a comprarlo",
        "Quiero contratar el plan de 100 megas",
        "Quisiera abrir una cuenta de ahorros",
        "Quiero reservar para 6 personas el sábado",
    ],
)
def test_wanting_to_buy_hire_or_book_is_purchase_intent(
    annotator: OfflineAnnotator, text: str
) -> None:
    """A pronoun joined to the verb (*comprarlo*) is still buying."""
    assert one(annotator, text).purchase_intent


@pytest.mark.parametrize(
    "text",
    ["Me pasé a saludar y me atendieron súper bien", "Me pasé a la tienda de Larcomar y todo bien"],
)
def test_dropping_by_is_not_leaving(annotator: OfflineAnnotator, text: str) -> None:
    """*Pasarse a* is dropping by to do something. Switching to another company is read
    by the switch cue, which moves the stance toward the brand, not the sentiment: the
    project's labels read *me cambié a X y es mucho mejor* as positive text."""
    reading = one(annotator, text)
    assert not reading.churn_risk
    assert reading.sentiment == "positive"


@pytest.mark.parametrize(
    ("text", "flag", "raised"),
    [
        ("we will not be back", "churn_risk", True),
        ("taking my business elsewhere", "churn_risk", True),
        ("my family won't shop here anymore", "churn_risk", True),
        ("you just lost a loyal customer", "churn_risk", True),
        ("No pienso volver", "churn_risk", True),
        ("Felicidades, lograron que deje de comprarles", "churn_risk", True),
        ("they closed my account with no explanation", "churn_risk", False),
        ("Me pasé a su plan postpago y feliz, todo mejor", "churn_risk", False),
        ("Me cambié a ustedes desde Claro y la señal es mucho mejor", "churn_risk", False),
        ("Me cambié a la talla M y me quedó perfecta", "churn_risk", False),
        ("what's the price on this?", "is_request", True),
        ("how long does delivery take?", "is_request", True),
        ("where's the closest store to Dallas?", "is_request", True),
        ("hi! my order hasn't shipped yet, can someone check?", "is_complaint", True),
        ("I hate how much I love this", "is_request", False),
        ("Precio justo, lo recomiendo", "is_request", False),
        ("Precios bajísimos, me encanta esta tienda", "purchase_intent", False),
        ("Precio de la taza", "purchase_intent", True),
        ("love the brand and have been buying it for years", "purchase_intent", False),
        (
            "my driver's license expired so they wouldn't sell me wine, fair enough lol",
            "crisis",
            False,
        ),
        ("I don't recall ordering this", "crisis", False),
        ("got sick of waiting and left", "crisis", False),
        ("Participo @sol_k 🍀 ojalá esta sea la vencida", "crisis", False),
        ("¿Tienen un número de emergencia para bloquear la tarjeta?", "crisis", False),
        ("Mi tarjeta está vencida, ¿cómo la renuevo?", "crisis", False),
        ("La demanda de este producto es tanta que nunca hay stock", "crisis", False),
        ("Me robaron el corazón con este combo", "crisis", False),
        ("El yogur estaba vencido", "crisis", True),
        ("Trabajo en un hospital y su café me salva los turnos", "crisis", False),
        ("Terminé en el hospital después de comer ahí", "crisis", True),
        ("Me hicieron el reembolso al toque, gracias!", "is_complaint", False),
        ("Vendan en Chile porfavor 🙏", "is_request", True),
        ("¿Hacéis envíos a Canarias?", "is_request", True),
        ("No estaba tan equivocado", "is_complaint", False),
        (
            "Perfect timing, right when I need it most the app goes down 👏👏",
            "purchase_intent",
            False,
        ),
        ("Perfect timing, right when I need it most the app goes down 👏👏", "sarcasm", True),
        ("Qué asco, la comida fría y el mesero grosero", "is_complaint", True),
        ("Pésima señal en todo el distrito", "is_complaint", True),
        ("¿Cómo es posible que vendan comida en mal estado?", "is_complaint", True),
        ("Me mandaron el pedido equivocado", "is_complaint", True),
        ("How hard is it to put ketchup in the bag?", "is_complaint", True),
        ("Is it too much to ask for a hot coffee?", "is_complaint", True),
        ("Are you guys ever going to answer my DMs?", "is_complaint", True),
        ("Do you carry bedding for pet rats?", "crisis", False),
        ("I recalled that you had a student discount, is that still on?", "crisis", False),
        ("My membership expired, how do I renew?", "crisis", False),
        ("Mi membresía está vencida, ¿cómo la renuevo?", "crisis", False),
        ("Con tantas demandas de trabajo, su café me mantiene vivo", "crisis", False),
        ("¿Venden algo para la diarrea de mi perrito?", "crisis", False),
        ("Do you have this in size S", "sarcasm", False),
        ("I accidentally deleted the app, how do I get my points back?", "churn_risk", False),
        ("I forgot my wallet, can I pay by bank transfer?", "is_complaint", False),
        ("I ordered a latte, got a free cookie too! Thanks", "is_complaint", False),
        ("Llevo una hora esperando, alguien me atiende?", "is_complaint", True),
        ("Llevo una semana sin poder entrar a la banca online", "is_complaint", True),
        ("Llevo un mes usando su crema y me encanta", "is_complaint", False),
        ("Called 10 times, nobody picks up", "is_complaint", True),
        ("My order came missing the drink", "is_complaint", True),
        ("Es la tercera vez que me cobran de más", "is_complaint", True),
        ("La app se cierra sola cada vez que intento pagar", "is_complaint", True),
        ("Fibra óptica rapidísima, cero quejas", "is_complaint", False),
        ("Fibra óptica rapidísima, cero quejas", "sarcasm", False),
        ("Quiero cancelar mi línea, ya me cansé de este servicio", "churn_risk", True),
        ("I want to cancel my subscription, done with this", "churn_risk", True),
        ("¿Cómo puedo cancelar mi suscripción?", "churn_risk", False),
        ("How do I cancel my subscription?", "churn_risk", False),
        ("Necesito hablar con alguien de soporte urgente", "is_request", True),
        ("Need to talk to someone in support urgently", "is_request", True),
        ("Me pueden pasar el link para comprar?", "purchase_intent", True),
        ("Can you send me the link to buy?", "purchase_intent", True),
        ("Quiero ese labial 😍", "purchase_intent", True),
        ("Hermosa la nueva colección!!! quiero todo 😍😍", "purchase_intent", True),
        ("Obsessed with the new collection, I want everything", "purchase_intent", True),
        ("Adding to cart rn 🛒", "purchase_intent", True),
        ("Estoy pensando en contratar el plan familiar, vale la pena?", "purchase_intent", True),
        ("I want one so bad", "purchase_intent", True),
        ("Quiero todo mi dinero de vuelta", "purchase_intent", False),
        ("Quiero este servicio de vuelta como antes", "purchase_intent", False),
        ("I want this fixed today", "purchase_intent", False),
        ("Encontré un pelo en mi ensalada. Asco.", "is_complaint", True),
        ("Found a hair in my salad. Gross.", "is_complaint", True),
        ("El celular me llegó con la pantalla rota", "is_complaint", True),
        ("Phone arrived with a cracked screen", "is_complaint", True),
        ("Si no me resuelven hoy me cambio de compañía", "churn_risk", True),
        ("Me cambio de compañía telefónica pero de café nunca", "churn_risk", False),
        ("Quiero cancelar mi cita de mañana para ir a su café", "churn_risk", False),
        (
            "Need to cancel my subscription to another coffee club, yours is better",
            "churn_risk",
            False,
        ),
        ("Necesito hablar con alguien de lo bonito que está el local", "is_request", False),
        ("I need to talk to someone, this cinnamon roll changed my life", "is_request", False),
        ("Quiero esa energía para mi lunes", "purchase_intent", False),
        ("Ya no estoy pensando en comprar nada más este mes", "purchase_intent", False),
        ("Nobody picks up on the vanilla notes at first", "is_complaint", False),
        ("Me trataron así de bien que volveré mañana", "is_complaint", False),
        ("Treated me like a queen at the counter today", "is_complaint", False),
        ("Llevo una semana intentando replicar su latte en casa", "is_complaint", False),
        ("Me cambiaron de plan sin consultarme", "is_complaint", True),
        ("Me cobraron dos veces pero ya me devolvieron", "is_complaint", False),
        (
            "Llevo una hora esperando y valió totalmente la pena, el pastel está increíble",
            "is_complaint",
            False,
        ),
        ("Adding to cart was confusing but the staff helped me", "purchase_intent", False),
        ("el recibo del agua me llego al triple y vivo sola", "is_complaint", True),
        ("Ni modo, otra vez sin agua en la colonia", "is_complaint", True),
        ("La luz se corto 6 veces esta semana, no doy mas", "is_complaint", True),
        ("Se fue la luz pero ya volvió, gracias por la rapidez", "is_complaint", False),
        (
            "My power has been out for 3 days and there's no update on your site",
            "is_complaint",
            True,
        ),
        ("The dealership tried to charge me $800 in hidden fees", "is_complaint", True),
        ("Water bill doubled this month and usage didn't change", "is_complaint", True),
        ("Took my car in for an oil change and they scratched the door", "is_complaint", True),
        ("La app de streaming se traba a cada rato, pago premium para esto?", "is_complaint", True),
        ("The instructor is great but the platform keeps logging me out", "is_complaint", True),
        ("Excelente, me dejaron esperando 2 horas para nada 👍", "sarcasm", True),
        ("Hay una fuga de gas en mi edificio y no llegan, tenemos miedo", "crisis", True),
        ("There's a gas smell in our whole street and nobody is answering", "crisis", True),
        ("hay un cable de luz tirado en la calle echando chispas, urgente!!!", "crisis", True),
        ("El veterinario le dio el medicamento equivocado a mi gato", "crisis", True),
        ("Me voy a cambiar de aseguradora, cero apoyo cuando choqué", "churn_risk", True),
        ("Switching to another provider as soon as my contract ends", "churn_risk", True),
        ("Me quiero dar de baja del gimnasio, donde lo hago?", "churn_risk", True),
        ("Me gustaria agendar una prueba de manejo del nuevo modelo", "purchase_intent", True),
        ("I'd love to book the honeymoon package for June!", "purchase_intent", True),
        ("Anyone know if they accept pets in the rooms?", "is_request", True),
        ("Can I upgrade my plan without losing my watch history?", "is_request", True),
        ("my bill doubled because I added two lines, totally fair", "is_complaint", False),
        ("no hidden fees, everything was clear, thank you!", "is_complaint", False),
        ("I scratched my car in your parking lot, my own fault lol", "is_complaint", False),
        ("se fue la luz en el cine y todos aplaudieron cuando volvió jaja", "is_complaint", False),
        ("echando chispas la parrilla con esos asados, qué delicia", "crisis", False),
        ("mi hija se lastimó el corazón cuando se acabó la serie jaja", "crisis", False),
        ("me quiero cambiar de gimnasio al de ustedes, se ve increíble", "churn_risk", False),
        ("switching to another provider? never, you guys are the best", "churn_risk", False),
        ("I'd love to try the new burger but I'm vegetarian", "purchase_intent", False),
        ("Can I change my mind? no, I love it too much", "is_request", False),
        ("La universidad no me quiere dar mi título", "is_complaint", True),
        ("No me dejaron entrar con mi perro aunque dice pet friendly", "is_complaint", True),
        (
            "La renovación del seguro me subió 50% sin haber tenido ningún siniestro",
            "is_complaint",
            True,
        ),
        ("Me llegó el juego y el disco venía rayado", "is_complaint", True),
        ("My claim has been under review for 4 months", "is_complaint", True),
        ("My dog came back from grooming with cuts on his skin 😡", "is_complaint", True),
        ("El profesor del curso online nunca contesta dudas", "is_complaint", True),
        (
            "Es la tercera vez que me cambian el horario de la clase sin avisar",
            "is_complaint",
            True,
        ),
        ("Nunca llega tarde, siempre puntual", "is_complaint", False),
        ("No puedo creer que me hayan tratado así", "is_complaint", True),
        ("I can't believe you treated me like this", "is_complaint", True),
        ("Cuando vuelve el frappé de caramelo??", "is_request", True),
        ("¿El envío se cobra aparte?", "is_complaint", False),
        ("La cafetera ya no gotea desde que la cambiaron", "is_complaint", False),
        ("¿Es neta? ¡Tacos gratis hoy!", "is_complaint", False),
        ("¿En serio van a abrir en Arequipa? ¡Por fin!", "is_complaint", False),
        ("¿Cómo es posible que esté tan rico?", "is_complaint", False),
        ("Mi crush me dejó en visto jaja, menos mal que existe su café", "is_complaint", False),
        ("Are you serious?! This is amazing", "is_complaint", False),
        ("how hard is it to learn latte art at home?", "is_request", True),
        ("El queso vino derretido encima de la hamburguesa, perfecto", "is_complaint", False),
        ("La lavadora dejó de funcionar a la semana", "is_complaint", True),
        ("¿Para esto pago el plan más caro?", "is_complaint", True),
        ("¿Para esto pago el plan más caro?", "is_request", False),
        ("¿Es en serio? Ya van tres semanas sin respuesta", "is_complaint", True),
        ("¿Cómo pueden cobrar tanto por un café?", "is_complaint", True),
        ("¿Cómo pueden cobrar tanto por un café?", "is_request", False),
        ("how hard is it to answer an email?", "is_complaint", True),
        ("how hard is it to answer an email?", "is_request", False),
        ("¿Hasta cuándo dura la promoción?", "is_complaint", False),
        ("¿Hasta cuándo dura la promoción?", "is_request", True),
        ("been trying to cancel my subscription for three weeks", "churn_risk", True),
        ("It was marked as delivered and it was on my porch, thanks!", "is_complaint", False),
    ],
)
def test_a_flag_is_raised_by_what_the_customer_means(
    annotator: OfflineAnnotator, text: str, flag: str, raised: bool
) -> None:
    """The same words (*vencida*, *hospital*, *me pasé a*, *how much*, *expired*) raise a
    flag or not by what they say in the sentence."""
    assert getattr(one(annotator, text), flag) is raised


@pytest.mark.parametrize(
    ("text", "sentiment"),
    [
        ("Mi pedido tardó más de diez días en llegar", "negative"),
        ("Pagué a tiempo y me siguen cobrando mora", "negative"),
        ("Me regalaron un perfume de ustedes y me dio alergia", "negative"),
        ("Lo único bueno de los lunes es su café con leche", "positive"),
        ("Para piel irritada, ¿qué crema me recomiendan?", "neutral"),
        ("Quiero retrasar mi reserva una hora, ¿se puede?", "neutral"),
        ("En persona no puedo ir, ¿hacen envíos a Arequipa?", "neutral"),
        ("Se corre la voz: abrieron nueva sucursal en el centro", "neutral"),
        ("¡Qué bien! Me cortaron el pelo justo como quería", "positive"),
        ("¡Excelente! Me descontaron el 20% en mi compra", "positive"),
        ("No pienso volver a otra peluquería, ustedes son los mejores", "positive"),
        ("Dejé de usar otras marcas, la suya es la mejor", "positive"),
        ("Perfect, no complaints at all", "positive"),
        ("Amazing, been waiting for this drop all year!", "positive"),
        ("Great, just waited 5 minutes and my order was ready", "positive"),
        ("My last order from you was perfect as always", "positive"),
        ("Your new ad cracked me up", "positive"),
        ("I'm raising two pet rats, do you sell rat food?", "neutral"),
        ("Perdón por fastidiar, ¿a qué hora abren los domingos?", "neutral"),
        ("El colmo de la felicidad: pizza, manta y Netflix", "positive"),
        ("Este champú me dejó la coronilla brillante y con volumen", "positive"),
        ("Sin roche, pregunta nomás por inbox", "neutral"),
        ("¿Qué lata de atún me recomiendan para ensalada?", "neutral"),
        ("Recuerda que puedes pagar tus multas de tránsito desde la app del banco", "neutral"),
        ("La municipalidad postergó la feria gastronómica para marzo", "neutral"),
        ("No doy más de la risa con su community manager", "positive"),
        ("No aguanto el picante, ¿el ceviche se puede pedir sin ají?", "neutral"),
        ("Otro nivel de espera, dos horas en línea con el call center", "negative"),
        ("Se rifaron dos canastas navideñas entre los clientes", "neutral"),
        ("Cuento los días desde que pedí mi reembolso: ya van 45", "negative"),
        ("Justo lo que temía, se cayó el sistema otra vez", "negative"),
        ("Sin su ayuda no lo habría logrado, gracias", "positive"),
    ],
)
def test_the_words_of_a_new_rule_keep_their_everyday_meaning(
    annotator: OfflineAnnotator, text: str, sentiment: str
) -> None:
    """*De diez*, *a tiempo*, *me regalaron*, *me cortaron*, *waited 5 minutes*, *last
    order* and *pet rats* say something else in these sentences than in a complaint; so
    do 2.9's *fastidiar*, *colmo de*, *coronilla*, *multas*, *no doy más de*, *otro nivel
    de*, *se rifaron* and the rest (README, "What 2.9 changed")."""
    assert one(annotator, text).sentiment == sentiment
