"""A cheap language detector: the script first, then counts of very common words.

Returns an ISO 639-1 code, or None when the evidence is too thin to say (a few words, a list
of names). English is never a default: it must win on its own stopwords like any language.
"""

from __future__ import annotations

import re
from collections import Counter


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# At least this many stopword hits before any Latin/Cyrillic-script language is named; a
# 30-word English paragraph has 10+, a headline-sized fragment 2-4.
MIN_STOPWORD_HITS = 5
# The winner must have this many times the hits of the runner-up (en/nl and es/pt/it share
# words like "de", "a", "in"; a clear text wins by 2x or more).
MIN_MARGIN = 1.5
# Share of letters in a script above which the script decides the language on its own.
SCRIPT_SHARE = 0.3
# Words examined: the first N are as telling as the whole text.
MAX_WORDS = 3000

STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words("the and of to in is that for it was on with as by he said at from his "
                    "are be this have has had which were an not they their but who will "
                    "would been its also after"),
    "de": _words("der die das und ist nicht ein eine zu den mit sich des auf für im dem "
                    "von auch es an werden aus er hat dass sie nach wird bei einer um noch "
                    "wie einem über so zum war haben nur oder"),
    "fr": _words("le la les et des est un une du en que qui dans pour pas sur au avec "
                    "il elle ce sont par plus ne se été aux ont cette mais ou leur lui"),
    "es": _words("el la los las y de que en un una es por con para del se no al lo como "
                    "más pero sus le ha fue este entre cuando muy sin sobre también"),
    "it": _words("il lo la gli le e di che in un una è per con non del della si al sono "
                    "da dei nel alla ha anche come più ma delle questo sul"),
    "pt": _words("o a os as e de que em um uma é por com para do da dos das não se no na "
                    "mais foi ao como mas seu sua ou ser pelo pela também"),
    "nl": _words("de het een en van is dat niet op te in met voor zijn er aan ook als "
                    "maar om dan door bij nog wel naar werd heeft worden deze"),
    "ru": _words("и в не на что с по как это он она к из у за от же для о его но так "
                    "был было бы были также которые"),
    "uk": _words("і в не на що з по як це він вона до із у за від же для про його але "
                    "так був було були також які"),
    "sv": _words("och att det som en på är av för med till den har inte om ett men var "
                    "jag sig från vi så kan"),
    "pl": _words("i w nie na że z się do jest to jak po od za o co ale przez był jego "
                    "oraz także które"),
    "tr": _words("ve bir bu da de için ile olarak çok daha ama en gibi olan sonra kadar "
                    "ancak değil"),
    "id": _words("yang dan di ini dengan untuk dari dalam tidak akan pada juga ke itu "
                    "oleh adalah telah"),
}
# Scripts that name a language by themselves (Arabic script is refined for Persian/Urdu).
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("\u0590-\u05ff", "he"), ("\u0370-\u03ff", "el"), ("\u0e00-\u0e7f", "th"),
    ("\uac00-\ud7af", "ko"), ("\u3040-\u30ff", "ja"), ("\u4e00-\u9fff", "zh"),
    ("\u0900-\u097f", "hi"), ("\u0600-\u06ff", "ar"),
)
_PERSIAN = re.compile("[پچژگک]")
_URDU = re.compile("[ٹڈڑںے]")
_WORD = re.compile(r"[^\W\d_]+")


def _by_script(text: str) -> str | None:
    letters = sum(1 for c in text if c.isalpha()) or 1
    for ranges, code in _SCRIPTS:
        count = len(re.findall(f"[{ranges}]", text))
        if count / letters >= SCRIPT_SHARE:
            if code == "ja" or (code == "zh" and re.search("[\u3040-\u30ff]", text)):
                return "ja"
            if code == "ar":
                return "ur" if _URDU.search(text) else "fa" if _PERSIAN.search(text) else "ar"
            return code
    return None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when the evidence does not decide."""
    sample = text[: MAX_WORDS * 8]
    script = _by_script(sample[:5000])
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(sample)[:MAX_WORDS]]
    hits = Counter({code: sum(1 for w in words if w in stop) for code, stop in STOPWORDS.items()})
    ranked = hits.most_common(2)
    if not ranked or ranked[0][1] < MIN_STOPWORD_HITS:
        return None
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return best if best_hits >= MIN_MARGIN * runner_up else None
