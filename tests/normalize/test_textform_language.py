from __future__ import annotations

import unicodedata

from newsprism.normalize.language import detect_language
from newsprism.normalize.textform import normalize_text


def test_canonical_form() -> None:
    raw = "Cafe\u0301 opens  \r\nline two\t\r\r\n\n\n\nlast \u2019quoted\u2019 \u201cline\u201d  "
    text = normalize_text(raw)
    assert text == "Caf\u00e9 opens\nline two\n\nlast \u2019quoted\u2019 \u201cline\u201d"
    assert unicodedata.is_normalized("NFC", text)
    assert normalize_text(text) == text


def test_languages_by_stopwords_and_script() -> None:
    assert detect_language("The ferry will open in June and the fares have been set by "
                           "the council, which said it was ready.") == "en"
    assert detect_language("Die Fähre wird im Juni eröffnet, und die Preise wurden von dem "
                           "Rat festgelegt, der sagte, dass er bereit ist.") == "de"
    assert detect_language("Le ferry ouvrira en juin et les tarifs ont été fixés par le "
                           "conseil, qui a dit qu'il était prêt pour la saison.") == "fr"
    assert detect_language("El ferry abrirá en junio y las tarifas fueron fijadas por el "
                           "consejo, que dijo que estaba listo para la temporada.") == "es"
    assert detect_language("Паром откроется в июне, и цены были установлены советом, "
                           "который сказал, что он готов к сезону и это было решено.") == "ru"
    assert detect_language("کشتی در ماه ژوئن افتتاح می‌شود و قیمت‌ها تعیین شده است") == "fa"


def test_no_language_without_evidence() -> None:
    assert detect_language("Mara Quill, Tomas Reed, Port Almond") is None
    assert detect_language("") is None
