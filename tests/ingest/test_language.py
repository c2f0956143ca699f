"""Language identification: ISO codes with a confidence; confident non-English articles are refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.errors import LanguageNotSupported
from claimledger.ingest.language import MIN_CONFIDENCE, check_language, detect
from claimledger.models import Article

SAMPLES = {
    "en": "The regional transport minister urged both sides to return to negotiations on Friday, "
    "saying the government was ready to appoint a mediator if the strike went on.",
    "fr": "Le ministre régional des transports a exhorté les deux parties à reprendre les négociations "
    "vendredi, affirmant que le gouvernement était prêt à nommer un médiateur.",
    "de": "Der regionale Verkehrsminister forderte beide Seiten am Freitag auf, an den Verhandlungstisch "
    "zurückzukehren, und sagte, die Regierung sei bereit, einen Vermittler zu ernennen.",
    "es": "El ministro regional de transporte instó a ambas partes a volver a negociar el viernes y dijo "
    "que el gobierno estaba dispuesto a nombrar un mediador si la huelga continuaba.",
    "ru": "Региональный министр транспорта призвал обе стороны вернуться к переговорам в пятницу и заявил, "
    "что правительство готово назначить посредника, если забастовка продолжится.",
    "uk": "Регіональний міністр транспорту закликав обидві сторони повернутися до переговорів у п'ятницю "
    "і заявив, що уряд готовий призначити посередника, якщо страйк триватиме.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_language_detects_news_sentences(code):
    got, confidence = detect(SAMPLES[code])
    assert got == code
    assert 0.0 <= confidence <= 1.0 and confidence >= MIN_CONFIDENCE


def test_language_text_without_letters_is_undetermined():
    assert detect("") == ("und", 0.0)
    assert detect("12 345 — 67%") == ("und", 0.0)


def test_language_long_text_is_sampled_not_read_whole():
    text = (SAMPLES["en"] + " ") * 2000  # ~300 kB
    assert detect(text)[0] == "en"


def test_language_check_refuses_a_french_article_naming_its_input():
    art = Article(text="\n\n".join([SAMPLES["fr"]] * 3), input="feeds/lemonde.xml#item-3")
    err = check_language(art)
    assert isinstance(err, LanguageNotSupported)
    assert err.input == "feeds/lemonde.xml#item-3"
    assert "'fr'" in str(err) and str(err).startswith("[CL008]")


def test_language_check_passes_english_and_short_texts():
    assert check_language(Article(text=SAMPLES["en"])) is None
    assert check_language(Article(text="Merci beaucoup.")) is None  # too short to judge


def test_language_check_names_the_doc_when_there_is_no_input():
    art = Article(text=SAMPLES["de"] * 2)
    err = check_language(art)
    assert err is not None and err.input == art.doc_id


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_language_detect_never_fails_on_any_text(text):
    code, confidence = detect(text)
    assert isinstance(code, str) and code
    assert 0.0 <= confidence <= 1.0
