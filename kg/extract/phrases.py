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
_SPACES_WORD = re.compile(r"\s*(" + _WORD.pattern + ")")
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


def _word_after(text: str, pos: int) -> tuple[int, str] | None:
    """`next_word` as (start, word), by one anchored match (spaces, then the word) instead of a search."""
    m = _SPACES_WORD.match(text, pos)
    return None if m is None else (m.start(1), m.group(1))


def _first_word(text: str, pos: int) -> tuple[int, str] | None:
    m = _WORD.match(text, pos)
    return None if m is None else (pos, m.group())


def _clean_end(text: str, start: int, end: int) -> int:
    """Drop trailing connector words and punctuation."""
    while end > start:
        chunk = text[start:end].rstrip(" ,.;:-–")
        end = start + len(chunk)
        # the last word, as `_LAST_WORD` finds it (its "$" also matches before a final line break)
        body = chunk[:-1] if chunk.endswith("\n") else chunk
        if body and not body[-1].isspace():
            k = len(body) - len(body.rsplit(None, 1)[-1])
            if k > 0 and body[k:].lower() in CONNECTORS:
                end = start + k
                continue
        break
    return end


def proper_extent(text: str, start: int, max_words: int = 12, allow_numbers: bool = True, connectors: frozenset[str] = CONNECTORS) -> int:
    """End of the capitalised phrase starting at `start` (connectors allowed inside, not at the end).

    A conjunction followed by an article ends the phrase ("de Belastingdienst en het UWV").
    """
    end = start
    words = 0
    prev = ""
    n = len(text)
    m = _WORD.match(text, start) if max_words > 0 else None
    if m is None:
        return start
    ws, w = start, m.group()
    next_word_at = _SPACES_WORD.match
    while True:
        w = w.rstrip(".,")
        wend = ws + len(w)
        lw = w.lower()
        if prev in ("en", "and", "&") and lw in _DETERMINERS:
            break
        c = w[:1]
        if c.isupper() or (allow_numbers and c.isdigit() and words > 0 and _YEAR.fullmatch(w)):
            end = wend
        elif words == 0 or lw not in connectors:
            break
        prev = lw
        words += 1
        if words >= max_words or (wend < n and text[wend] in ",;:()«»\"“”|"):
            break
        m = next_word_at(text, wend)
        if m is None:
            break
        ws, w = m.start(1), m.group(1)
    return _clean_end(text, start, end) if end > start else start


def title_extent(text: str, start: int, max_words: int = 10) -> int:
    """End of a title that may hold lower-case words ("Wet op het financieel toezicht")."""
    end = start
    pos = start
    words = 0
    n = len(text)
    while words < max_words:
        got = _word_after(text, pos) if pos > start else _first_word(text, pos)
        if got is None:
            break
        ws, w = got
        w = w.rstrip(".,")
        wend = ws + len(w)
        lw = w.lower()
        if lw.startswith(("www", "http")):
            break
        if words > 0 and w[:1].islower() and (after := _word_after(text, wend)) is not None and after[1] in ("te", "om"):
            break  # "het Basispakket jeugdgezondheidszorg aandacht te geven": the verb phrase starts here
        if words > 0 and (lw in STOP or (w[:1].isdigit() and not _YEAR_OR_NUMBER.fullmatch(w))):
            break
        end = wend
        words += 1
        pos = wend
        if wend < n and text[wend] in ",;:()«»\"“”|?!":
            break
        if wend < n - 1 and text[wend] == "." and text[wend + 1 : wend + 2] in (" ", "\n", ""):
            break
    return _clean_end(text, start, end) if end > start else start
