"""Name-shaped phrases: how far a name that starts at a given word runs.

`proper_extent` follows capitalised words joined by function words ("Raad voor de Kinderbescherming");
`title_extent` also takes lower-case words, as Dutch titles of laws and reports have them ("Wet
publieke gezondheid", "Handreiking aanpak kindermishandeling"), and stops at words that do not occur
in titles (verbs, pronouns, adverbs) and at punctuation.

>>> t = "de Raad voor de Kinderbescherming of het OM"
>>> t[3:proper_extent(t, 3)]
'Raad voor de Kinderbescherming'
>>> t = "ga ik de Wet publieke gezondheid wijzigen."
>>> t[9:title_extent(t, 9)]
'Wet publieke gezondheid'
"""

from __future__ import annotations

import re

__all__ = ["CONNECTORS", "ORG_CONNECTORS", "STOP", "next_word", "proper_extent", "title_extent"]

CONNECTORS = frozenset(["van", "voor", "de", "het", "der", "den", "en", "op", "in", "te", "tot", "met", "bij", "aan", "over", "inzake", "ter", "uit", "&"])
# words that end a title: verbs, auxiliaries, pronouns, adverbs, conjunctions, and common clause openers
STOP = frozenset(
    ["is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "heeft", "hebben", "had", "hadden", "kan", "kunnen", "kon", "konden", "zal", "zullen", "zou", "zouden", "moet", "moeten", "mag", "mogen", "wil", "willen", "gaat", "gaan", "ging", "geldt", "gelden", "gold", "bepaalt", "bepalen", "regelt", "regelen", "biedt", "bieden", "geeft", "geven", "stelt", "stellen", "staat", "staan", "stond", "ligt", "liggen", "komt", "komen", "kwam", "wijzigen", "wijzigt", "gewijzigd", "treedt", "trad", "blijkt", "blijken", "bevat", "bevatten", "vraagt", "vragen", "maakt", "maken", "laat", "laten", "zegt", "zeggen", "noemt", "noemen", "heet", "verplicht", "verplichten", "voorziet", "voorzien", "schrijft", "beschrijft", "ziet", "richt", "houdt", "betreft", "betreffen", "gaf", "nam", "neemt", "nemen", "ook", "niet", "nog", "al", "wel", "dan", "nu", "reeds", "daarom", "echter", "namelijk", "bijvoorbeeld", "immers", "eveneens", "tevens", "inmiddels", "thans", "slechts", "alleen", "vooral", "zeker", "mogelijk", "daarnaast", "verder", "bovendien", "hierin", "hierbij", "daarbij", "daarin", "waarin", "waarbij", "waarmee", "waarvan", "waardoor", "waarop", "waarover", "waar", "wie", "wat", "welke", "welk", "die", "dat", "deze", "dit", "dergelijke", "zulke", "om", "als", "zoals", "omdat", "wanneer", "indien", "tenzij", "zodat", "maar", "of", "dus", "want", "terwijl", "nadat", "voordat", "sinds", "totdat", "hoewel", "ik", "je", "jij", "u", "hij", "zij", "ze", "wij", "we", "men", "hun", "haar", "hem", "mij", "ons", "onze", "uw", "mijn", "zijn", "hen", "zich", "er", "hier", "daar", "een", "geen", "alle", "elke", "iedere", "veel", "meer", "minder", "enkele", "andere", "sommige", "beide", "vanaf", "per", "via", "na", "onder", "tussen", "tijdens", "binnen", "buiten", "zonder", "volgens", "conform", "jegens", "namens", "vanwege", "wegens", "jl", "zo", "nee", "ja", "hoe", "waarom", "wanneer", "nodig", "artikel", "artikelen", "lid", "onderdeel", "hoofdstuk", "paragraaf", "bijlage"]
)
_WORD = re.compile(r"[^\W\d_](?:[\w&+-]|['’](?=\w))*|&|\d[\d.,/–-]*")
_LAST_WORD = re.compile(r"(\S+)$")
_YEAR = re.compile(r"(?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?")
_YEAR_OR_NUMBER = re.compile(r"(?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?|\d{1,4}(?:/\d{1,4})+")
ORG_CONNECTORS = frozenset(["van", "voor", "de", "het", "der", "den", "en", "&", "of", "for", "and", "the", "on"])
_DETERMINERS = frozenset(["de", "het", "een", "the"])


def next_word(text: str, i: int) -> re.Match[str] | None:
    """The next word token at or after `i` when only spaces separate it."""
    m = _WORD.search(text, i)
    if m is None or text[i : m.start()].strip():
        return None
    return m


def _clean_end(text: str, start: int, end: int) -> int:
    """Drop trailing connector words and punctuation."""
    while end > start:
        chunk = text[start:end].rstrip(" ,.;:-–")
        end = start + len(chunk)
        last = _LAST_WORD.search(chunk)
        if last and last.group(1).lower() in CONNECTORS and last.start() > 0:
            end = start + last.start()
            continue
        break
    return end


def proper_extent(text: str, start: int, max_words: int = 12, allow_numbers: bool = True, connectors: frozenset[str] = CONNECTORS) -> int:
    """End of the capitalised phrase starting at `start` (connectors allowed inside, not at the end).

    A conjunction followed by an article ends the phrase ("de Belastingdienst en het UWV").
    """
    end = start
    pos = start
    words = 0
    prev = ""
    while words < max_words:
        m = next_word(text, pos) if pos > start else _WORD.match(text, pos)
        if m is None:
            break
        w = m.group().rstrip(".,")
        wend = m.start() + len(w)
        if prev in ("en", "and", "&") and w.lower() in _DETERMINERS:
            break
        if w[:1].isupper() or (allow_numbers and w[:1].isdigit() and words > 0 and _YEAR.fullmatch(w)):
            end = wend
        elif w.lower() in connectors and words > 0:
            pass
        else:
            break
        prev = w.lower()
        words += 1
        pos = wend
        if wend < len(text) and text[wend] in ",;:()«»\"“”|":
            break
    return _clean_end(text, start, end) if end > start else start


def title_extent(text: str, start: int, max_words: int = 10) -> int:
    """End of a title that may hold lower-case words ("Wet op het financieel toezicht")."""
    end = start
    pos = start
    words = 0
    while words < max_words:
        m = next_word(text, pos) if pos > start else _WORD.match(text, pos)
        if m is None:
            break
        w = m.group().rstrip(".,")
        wend = m.start() + len(w)
        lw = w.lower()
        if lw.startswith(("www", "http")):
            break
        after = next_word(text, wend)
        if words > 0 and after is not None and after.group() in ("te", "om") and w[:1].islower():
            break  # "het Basispakket jeugdgezondheidszorg aandacht te geven": the verb phrase starts here
        if words > 0 and (lw in STOP or (w[:1].isdigit() and not _YEAR_OR_NUMBER.fullmatch(w))):
            break
        end = wend
        words += 1
        pos = wend
        if wend < len(text) and text[wend] in ",;:()«»\"“”|?!":
            break
        if wend < len(text) - 1 and text[wend] == "." and text[wend + 1 : wend + 2] in (" ", "\n", ""):
            break
    return _clean_end(text, start, end) if end > start else start
