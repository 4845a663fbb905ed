"""Organisations by their shape (the gazetteer finds the well-known ones).

A capitalised phrase is an organisation when a word of it is an organisation head ("Raad voor Cultuur",
"Stichting Vluchteling", "Universiteit Twente", "Mulier Instituut"), when it is a capitalised compound
ending in such a head ("Jeugdautoriteit", "Transitiebureau Jeugd"), when it ends in "Nederland"
("Vluchtelingenwerk Nederland"), or when a word such as "organisatie", "stichting", "dagblad" introduces it.

>>> [m.label for m in find_organisations("de Raad voor de Kinderbescherming, het Mulier Instituut, Brandweer Nederland en kennisinstituut Movisie")]
['Raad voor de Kinderbescherming', 'Mulier Instituut', 'Brandweer Nederland', 'Movisie']
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from kg.extract.base import Mention, capitals_after_space, make_key, word_before, word_start_ok
from kg.extract.phrases import ORG_CONNECTORS, proper_extent
from kg.model import EntityType

if TYPE_CHECKING:
    from kg.extract.gazetteer import Gazetteer

__all__ = ["find_organisations", "is_org_name"]

ORG = EntityType.ORGANISATION

HEAD_FIRST = frozenset(
    ["stichting", "vereniging", "raad", "commissie", "autoriteit", "inspectie", "instituut", "dienst", "bureau", "centrum", "agentschap", "college", "federatie", "bond", "orde", "overleg", "platform", "netwerk", "coalitie", "alliantie", "kenniscentrum", "expertisecentrum", "universiteit", "rijksuniversiteit", "hogeschool", "rijkshogeschool", "rechtbank", "arrondissementsrechtbank", "gerechtshof", "kantongerecht", "hof", "afdeling", "directie", "directoraat-generaal", "korps", "taskforce", "regiegroep", "unie", "partij", "meldpunt", "ministerie", "waterschap", "wetterskip", "hoogheemraadschap", "veiligheidsregio", "comité", "produktschap", "productschap", "ondersteuningsteam", "koninklijke", "staatstoezicht", "erkenningscommissie", "roc", "riec", "contactpunt", "beraad", "deskundigencommissie", "adviescommissie", "adviesraad", "adviescollege", "genootschap", "academie", "office", "institute", "center", "centre", "council", "commission", "committee", "agency", "authority", "foundation", "association", "organization", "organisation", "federal", "national", "international", "european", "coalition", "alliance", "firm"]
)
HEAD_LAST = frozenset(
    ["instituut", "raad", "commissie", "autoriteit", "inspectie", "bureau", "centrum", "dienst", "agentschap", "bond", "federatie", "vereniging", "stichting", "overleg", "beraad", "ombudsman", "korps", "beweging", "organisatie", "consortium", "partij", "college", "universiteit", "hogeschool", "bank", "inrichting", "kustwacht", "meldpunt", "contactpunt", "kenniscentrum", "comité", "comite", "committee", "mission", "fc", "agency", "authority", "council", "commission", "committee", "organization", "organisation", "institute", "center", "centre", "office", "foundation", "association", "consortium", "administration", "federation", "bank", "forces", "group", "union", "panel", "network", "international", "watch", "court"]
)
SUFFIXES = (
    "autoriteit", "inspectie", "instituut", "bureau", "centrum", "dienst", "agentschap", "raad", "commissie", "bond",
    "federatie", "vereniging", "stichting", "overleg", "beraad", "ombudsman", "korps", "beweging", "organisatie",
    "partij", "universiteit", "hogeschool", "rechtbank", "gerechtshof", "kustwacht", "meldpunt", "platform", "fonds", "alliantie",
)
GENERIC = frozenset(
    ["gemeenteraad", "ondernemingsraad", "medezeggenschapsraad", "cliëntenraad", "adviesraad", "raad", "commissie", "kamercommissie", "werkgroep", "stuurgroep", "projectgroep", "inspectie", "rechtbank", "dienst", "instituut", "bureau", "centrum", "stichting", "vereniging", "afdeling", "directie", "overheid", "rijksoverheid", "ministerie", "politie", "hof", "kamer", "partij", "universiteit", "hogeschool", "organisatie", "beweging", "zorgorganisatie", "toezichtraad", "raad", "van", "bestuur", "college", "raadscommissie", "provincie", "gemeente", "kabinet", "regering", "gerechtshof", "kantongerecht", "agentschap", "autoriteit", "comité", "bond", "federatie", "korps", "taskforce", "platform", "netwerk"]
)
_WEAK_HEADS = frozenset(["national", "international", "european", "federal", "koninklijke", "koninklijk"])
_CAPITAL_WORD = re.compile(r"[A-ZÀ-Þ][\w&'’-]*")
_NEXT_LOWER = re.compile(r"[ \t]+([a-zß-ÿ][a-zß-ÿ]*)\b")
# one scan for both: a capitalised word, the ordinary word after it, else the punctuation that ends it
_CAPITAL_WORD_NEXT = re.compile(r"(?P<word>[A-ZÀ-Þ][\w&'’-]*)(?:[ \t]+(?P<low>[a-zß-ÿ][a-zß-ÿ]*)\b|(?P<stop>[,;:()«»\"“”|.?!]|\Z))?")
_PLAIN_WORD = re.compile(r"[\w-]+")
_GLUED_ADVERBS = ("daarnaast", "daarom", "bovendien", "tevens", "verder", "ook", "hoewel", "inmiddels", "tegelijkertijd")
_SENTENCE_WORDS = frozenset(
    ["heeft", "hebben", "is", "zijn", "wordt", "worden", "kan", "kunnen", "zal", "zullen", "moet", "moeten", "mag", "wil", "gaat", "deelt", "klopt", "bent", "kunt", "wilt", "hoe", "wat", "welke", "waarom", "wanneer", "waar", "wie", "hoewel", "daarnaast", "daarom", "ook", "dat", "dit", "deze", "die", "er", "zo", "ja", "nee", "niet", "volgens", "via", "uit", "bij", "in", "op", "met", "voor", "door", "naar", "over", "onder", "sinds", "tot", "als", "zoals", "betrekt", "erkent", "weet", "vindt"]
)
_LEADING_DROP = frozenset(
    ["de", "het", "een", "deze", "dit", "die", "zo", "ook", "ja", "nee", "uit", "volgens", "bij", "in", "op", "voor", "met", "door", "via", "namens", "samen", "zowel", "naast", "amerikaanse", "franse", "duitse", "britse", "engelse", "israëlische", "turkse", "curaçaose", "chinese", "russische", "belgische", "italiaanse", "spaanse", "japanse", "oekraïense", "iraanse", "keniaanse", "libische", "griekse", "poolse", "zweedse", "noorse", "deense"]
)
CUE_WORDS = (
    "organisatie", "organisaties", "stichting", "vereniging", "bedrijf", "bedrijven", "onderneming", "zorgaanbieder", "zorgverzekeraar",
    "verzekeraar", "omroep", "krant", "dagblad", "weekblad", "tijdschrift", "nieuwssite", "platform", "samenwerkingsplatform", "netbeheerder",
    "toezichthouder", "onderzoeksbureau", "adviesbureau", "kennisinstituut", "kenniscentrum", "zorginstelling", "ziekenhuis", "vakbond",
    "brancheorganisatie", "branchevereniging", "belangenorganisatie", "belangenorganisaties", "koepelorganisatie", "fabrikant", "producent", "webshop",
    "actiegroep", "denktank", "escortbureau", "recycler", "energiebedrijf", "leverancier", "accountantskantoor", "advocatenkantoor", "voetbalclub",
    "club", "groep", "ngo", "omroepvereniging", "onderzoeksinstituut", "pensioenuitvoerder", "pensioenfonds", "waterschap", "hoogheemraadschap", "veiligheidsregio",
)  # fmt: skip
# a word that introduces a name ("organisatie Movisie", "stichting zoals Stichting X"), up to the name's capital
_CUES = re.compile(r"(?<![\w-])(?:" + "|".join(CUE_WORDS) + r")(?:\s+(?:zoals|als))?\s+(?=[A-ZÀ-Þ])")
# the same, found faster: from each capital after a space, backwards in the reversed text
_CUE_SET = frozenset(CUE_WORDS)
_CUE_OR_AS = _CUE_SET | {"als", "zoals"}
_NL_FIRST_BAD = frozenset(["noord", "zuid", "oost", "west", "midden", "heel", "in", "uit", "naar", "van", "voor", "heel", "geheel", "bv", "nv"])
_SENT_START = re.compile(r"(?:^|[.?!:;•]\s*|\n\s*|^\s*\d+\s+)$")


_ASCII_DIGIT = re.compile(r"[0-9]")


def _words(phrase: str) -> list[str]:
    return phrase.split()


def is_org_name(phrase: str) -> bool:
    """Does this capitalised phrase look like the name of an organisation? (Remembered per phrase.)

    >>> is_org_name("Raad voor Cultuur"), is_org_name("Jeugdautoriteit"), is_org_name("Nota Ruimte")
    (True, True, False)
    >>> is_org_name("National Security"), is_org_name("Vluchtelingenwerk Nederland"), is_org_name("Agenda voor Werkend Nederland")
    (False, True, False)
    """
    got = _ORG_NAME_CACHE.get(phrase)
    if got is None:
        got = _is_org_name(phrase)
        if len(_ORG_NAME_CACHE) < 100_000:
            _ORG_NAME_CACHE[phrase] = got
    return got


_ORG_NAME_CACHE: dict[str, bool] = {}


def _is_org_name(phrase: str) -> bool:
    words = _words(phrase)
    if not words or phrase.lower() in GENERIC:
        return False
    low = [w.lower().strip(",.") for w in words]
    if (not phrase.isascii() or _ASCII_DIGIT.search(phrase)) and any(any(c.isdigit() for c in w) for w in words if w[:1].isupper()):
        return False
    if len(words) == 1:
        w = low[0]
        stem = next((w[: -len(s)] for s in SUFFIXES if w.endswith(s)), "")
        if stem.endswith(("se", "sche", "e")) and len(stem) > 6:
            return False  # "Nederlandseorganisatie": an adjective glued to a noun by PDF extraction
        return len(w) >= 8 and bool(stem) and w not in GENERIC
    strong = [x for x in low if (x in HEAD_FIRST or x in HEAD_LAST or x.endswith(SUFFIXES)) and x not in _WEAK_HEADS]
    if low[0] in _WEAK_HEADS:
        return bool(strong)
    if low[0] == "hof":
        return len(low) > 2 and low[1] == "van"
    if low[0] in HEAD_FIRST or (low[0].endswith(SUFFIXES) and words[0][:1].isupper()):
        return any(x[:1].isupper() for x in words[1:]) or low[0] in ("taskforce",)
    # a head inside the name: "Landelijk Meldpunt Zorg", "Nieuwe Orde van Verzekeringsartsen"
    for k in range(1, len(low) - 1):
        if low[k] in HEAD_FIRST and low[k] not in _WEAK_HEADS and words[k][:1].isupper():
            nxt = next((w for w in words[k + 1 :] if w.lower() not in ("van", "voor", "de", "het", "der", "en", "&")), "")
            if nxt[:1].isupper():
                return True
    if low[-1] in HEAD_LAST or low[-1].endswith(SUFFIXES):
        return True
    if low[-1] == "nederland" and all(w[:1].isupper() for w in words) and low[0] not in _NL_FIRST_BAD and "-" not in words[-2]:
        return not any(low[0].startswith(a) and len(low[0]) > len(a) + 3 for a in _GLUED_ADVERBS)
    if low[-1] in ("b.v.", "n.v.", "bv", "nv", "inc.", "gmbh", "holding", "group") and low[0] not in ("bv", "nv", "b.v.", "n.v."):
        return True
    return "international" in low[1:]


_AND = re.compile(r"\s+(?:en|and|&)\s+")
_OF = re.compile(r"\s+van\s+(?:de|het|der)?\s*")


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "A en B" (two names) and "A van de B" (A of B, both names) into parts; else the whole."""
    phrase = text[start:end]
    m = _AND.search(phrase)
    if m:
        left, right = phrase[: m.start()], phrase[m.end() :]
        if is_org_name(right) or re.search(r"(?:Nederland|International)$", left):
            return _split(text, start, start + m.start()) + _split(text, start + m.end(), end)
    for m in _OF.finditer(phrase):
        left, right = phrase[: m.start()], phrase[m.end() :]
        if is_org_name(right) and right[:1].isupper():
            if len(_words(left)) >= 2 and is_org_name(left):
                return [(start, end), (start + m.end(), end)]  # "Algemene Inspectie van het Korps Rijkspolitie": both names
            return [(start + m.end(), end)]
    return [(start, end)]


def _at_sentence_start(text: str, i: int) -> bool:
    return bool(_SENT_START.search(text[max(0, i - 6) : i]))


_MINISTRIES = re.compile(r"(?<![\w-])[Mm]inisterie(?:s)?\s+(?:van\s+)?")


def _ministry_list(text: str) -> list[Mention]:
    """ "de Ministeries van VWS en BZK", "de Ministeries Infrastructuur en Waterstaat en Justitie en Veiligheid"."""
    from kg.extract.gazetteer import default_gazetteer

    g = default_gazetteer()
    out: list[Mention] = []
    for m in _MINISTRIES.finditer(text):
        if not m.group().lower().startswith("ministeries"):
            continue
        pos = m.end()
        while True:
            best = None
            for key, portfolio in _portfolios(g):
                if text.startswith(portfolio, pos) and (best is None or len(portfolio) > len(best[1])):
                    best = (key, portfolio)
            if best is None:
                break
            e = g.entry(best[0])
            out.append(Mention(ORG, e.label, pos, pos + len(best[1]), e.key, (), 75, "ministry-list"))
            pos += len(best[1])
            sep = re.match(r",\s*|\s+en\s+(?:van\s+)?|\s+(?:van\s+)?", text[pos:])
            if not sep or (not sep.group().strip(" ,") and "," not in sep.group()):
                break
            pos += sep.end()
    return out


_PORTFOLIO_CACHE: list[tuple[str, str]] = []


def _portfolios(g: Gazetteer) -> list[tuple[str, str]]:
    if not _PORTFOLIO_CACHE:
        for key, e in g.entries.items():
            if key.startswith("org:min-") and e.label.startswith("Ministerie van "):
                _PORTFOLIO_CACHE.append((key, e.label[len("Ministerie van ") :]))
                abbr = next((a for a in ("VWS", "BZK", "OCW", "SZW", "EZK", "LNV", "JenV", "IenW", "KGG", "VRO", "LVVN", "BZ", "EZ", "VenJ", "IenM", "VROM") if f"Ministerie van {a}" in _aliases(g, key)), None)
                if abbr:
                    _PORTFOLIO_CACHE.append((key, abbr))
    return _PORTFOLIO_CACHE


def _aliases(g: Gazetteer, key: str) -> set[str]:
    return {" ".join(s.split()) for s, keys in g.display_aliases.items() if key in keys}


_COURT = re.compile(
    r"(?<![\w-])(?P<court>[Aa]rrondissementsrechtbank|[Rr]echtbank|[Kk]antongerecht|[Gg]erechtshof|[Hh]andelsrechtbank|[Pp]olitierechter)"
    r"\s+(?:te|in)\s+(?P<place>(?:Den |'s-)?[A-ZÀ-Þ][\w'-]+(?:[ -][A-ZÀ-Þ][\w'-]+)?)"
)


def _courts(text: str) -> list[Mention]:
    """ "de arrondissementsrechtbank te Alkmaar" → "Arrondissementsrechtbank Alkmaar" (courts are named after their seat)."""
    out = []
    for m in _COURT.finditer(text):
        label = f"{m.group('court')[0].upper()}{m.group('court')[1:]} {m.group('place')}"
        out.append(Mention(ORG, label, m.start(), m.end(), make_key(ORG, label), (), 60, "org-court"))
    return out


_NOT_CUED = re.compile(r"(?:De|Het|Een|In|Op|Nederland|Europa|[A-Z][a-z]+(?:se|sche))")
_HYPHEN_LOWER = re.compile(r"-[a-z]")


def _cue_ends(text: str) -> list[int]:
    """Where the names after cue words start: the ends of `_CUES.finditer(text)`.

    >>> t = "de stichting Vluchteling, organisaties als Movisie en de vereniging"
    >>> _cue_ends(t) == [m.end() for m in _CUES.finditer(t)]
    True
    """
    caps, starts, words = capitals_after_space(text)
    out: list[int] = []
    for k in itertools.compress(range(len(words)), map(_CUE_OR_AS.__contains__, words)):
        if words[k] in _CUE_SET:
            out.append(caps[k])
        elif (before := word_before(text, starts[k])) is not None and before[1] in _CUE_SET:
            out.append(caps[k])  # "organisaties als Movisie"
    return out


def find_organisations(text: str) -> list[Mention]:
    """Organisation-shaped phrases in one text."""
    out: list[Mention] = _ministry_list(text) if "inisteries" in text else []
    if "echtbank" in text or "antongerecht" in text or "erechtshof" in text or "olitierechter" in text:
        out += _courts(text)
    covered = 0
    for m in _CAPITAL_WORD_NEXT.finditer(text):
        i = m.start()
        if i < covered or not word_start_ok(text, i) or (i > 0 and text[i - 1] in "-‐"):
            continue
        nxt = m.group("low")
        if nxt is not None and nxt not in ORG_CONNECTORS:
            # a capitalised word followed by an ordinary word: only a one-word name can start here
            word = m.group("word").rstrip(".,")
            low = word.lower()
            if len(low) >= 8 and low.endswith(SUFFIXES) and is_org_name(word) and not _at_sentence_start(text, i):
                out.append(Mention(ORG, word, i, i + len(word), make_key(ORG, word), (), 55, "org-shape"))
            continue
        if m.group("stop") is not None and _PLAIN_WORD.fullmatch(m.group("word")):
            # a word that punctuation ends ("Kamer.", "Ja,"): the phrase is that word (what `proper_extent` gives)
            covered = end = i + len(m.group("word").rstrip("-"))
            phrase = text[i:end]
            if is_org_name(phrase) and not _at_sentence_start(text, i):
                out.append(Mention(ORG, phrase, i, end, make_key(ORG, phrase), (), 55, "org-shape"))
            continue
        end = proper_extent(text, i, connectors=ORG_CONNECTORS)
        words = _words(text[i:end])
        # drop leading determiners, adjectives and sentence words ("De Raad …", "Heeft De Nederlandsche Bank")
        while len(words) > 1 and (
            (words[0].lower() in _LEADING_DROP and (len(words) > 2 or not words[0].lower().endswith(("se", "sche"))))
            or words[0].lower() in _SENTENCE_WORDS
            or (words[1].lower() in ("de", "het") and words[0].lower() not in HEAD_FIRST and _at_sentence_start(text, i))
        ):
            i = text.index(words[1], i + len(words[0]))
            words = _words(text[i:end])
        covered = end
        if not words:
            continue
        for a, b in _split(text, i, end):
            phrase = text[a:b]
            if not is_org_name(phrase):
                continue
            if len(_words(phrase)) == 1 and _at_sentence_start(text, a):
                continue
            out.append(Mention(ORG, phrase, a, b, make_key(ORG, phrase), (), 55, "org-shape"))
    for i in _cue_ends(text):
        end = proper_extent(text, i, max_words=6, connectors=ORG_CONNECTORS)
        phrase = text[i:end]
        if not phrase or phrase.lower() in GENERIC or any(o.start <= i < o.end for o in out):
            continue
        if _NOT_CUED.fullmatch(phrase) or _HYPHEN_LOWER.search(phrase):
            continue
        out.append(Mention(ORG, phrase, i, end, make_key(ORG, phrase), (), 52, "org-cue"))
    return out
