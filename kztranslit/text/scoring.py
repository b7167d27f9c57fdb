"""Evidence weights of the place finder, in points, and the bar a candidate must reach."""

from __future__ import annotations

import math
from functools import lru_cache

__all__ = ["AMBIGUOUS", "CONTEXT_WINDOW", "LIST_PARTNER", "THRESHOLD", "WEIGHTS", "accepted", "score"]

#: Every weight of the place finder, in points; :data:`THRESHOLD` is the bar.
WEIGHTS: dict[str, float] = {
    # what the place is
    "city": 3.0,  # 50,000 people or more, or a region's centre
    "town": 1.0,  # 10,000 or more
    "village": -1.0,
    "hamlet": -2.0,  # under 1,000 people
    "unlisted village": -3.0,  # a village no source gives a size for (most of KATO's)
    "locality": -4.0,  # not a settlement: a farm, a winter camp, a station
    "region": 2.0,  # a current region by its bare name
    "district": 0.0,  # a district or rural okrug (only ever taken with its word)
    "old region": -1.0,  # an abolished region by its bare name
    # how it matched
    "former name": -2.0,  # a former name with no date or word pointing to its time
    "variant": -1.0,  # an alternate name that is a spelling of the place's name
    "unrelated alternate": -4.0,  # an alternate name unlike the place's names (Soviet names…)
    "short name": -1.0,  # a key of three letters or fewer
    # how it is written
    "capital mid-sentence": 1.0,
    "all capitals": 1.0,
    # context that says "place"
    "settlement word": 4.0,
    "region word": 4.0,
    # the word names its KATO status: п. X, X кенті, ст. X; a district (not a city
    # administration) for ауданы, район
    "its kind of settlement": 1.0,
    "district word": 4.0,  # "X ауданы", "X district", "района X", "X ауылдық округі"
    "city administration": -1.0,  # a city's administration, which a district word rarely means
    "preposition": 2.0,
    "weak preposition": 1.0,
    "locative ending": 1.0,
    "list of places": 2.0,
    "region in text": 2.0,
    "region in sentence": 4.0,
    "district in text": 2.0,  # the district or okrug of a place named nearby (by KATO code)
    "district in sentence": 4.0,
    "its place in sentence": 2.0,  # a district or okrug: a place named with its word lies in it
    "other name in sentence": 3.0,  # another name of the same place nearby: a renaming, "also called"
    "near a place of the text": 3.0,  # within 50 km of another place the text names
    "district of a list partner": 2.0,  # in the district of a place listed with it
    "time of former name": 3.0,
    # context that says "something else"
    "lower case elsewhere": -2.0,
    "region elsewhere": -4.0,  # "село X" in a sentence naming a region that does not hold this X
    "inside a proper name": -3.0,
    "in quotes": -3.0,
    "name abroad": -2.0,
    "given name": -2.0,
    "article": -3.0,  # English "the" before a settlement's name (the Tobol, the Irtysh: rivers)
    # an unlisted village or a locality (table.needs_evidence) with none of: a settlement word,
    # its district, okrug or region named in the sentence, a list with another place, another
    # of its names nearby
    "no evidence": -4.0,
    # the best place and another of the same name are less than AMBIGUOUS points apart
    "namesakes": -4.0,
}
#: Two places of one name whose points differ by less than this are namesakes the text does
#: not tell apart: neither is taken (no confident wrong answer).
AMBIGUOUS = 1.0
THRESHOLD = 1.0
#: A list partner lends "list of places" only when it has this many points itself (a city
#: mid-sentence, or a place with a context word): a list of weak guesses proves nothing.
LIST_PARTNER = 3.0
#: How far (in characters) the other places and the regions of a text count as its context.
CONTEXT_WINDOW = 3000


def accepted(total: float) -> bool:
    """Whether a total of points makes a place."""
    return total >= THRESHOLD - 0.5


@lru_cache(maxsize=4096)  # totals are sums of a few weights: a few hundred values
def score(total: float) -> float:
    """Evidence points → 0–100; a total at the threshold scores above 50, half a point below at 50."""
    return round(100.0 / (1.0 + math.exp(-(total - THRESHOLD + 0.5))), 1)
