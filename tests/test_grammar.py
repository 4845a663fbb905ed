"""The shared sentence grammar (kg.readers.grammar) and text clean-up (kg.readers.textutil)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.readers import grammar
from kg.readers.textutil import Lexicon, MarkerState, find_urls, join_lines, restore_url_hyphen, unglue

HEADINGS = [
    (
        "Vragen van het lid Mohandis (GroenLinks-PvdA) aan de Staatsecretaris van Volksgezondheid, Welzijn en Sport "
        "over de brief (ingezonden 2 oktober 2024).",
        [("Mohandis", "GroenLinks-PvdA")],
        [("Staatssecretaris", "Volksgezondheid, Welzijn en Sport")],
        "de brief",
    ),
    (
        "Vraag van het lid Van Houwelingen (FVD) aan de Minister van Justitie en Veiligheid over correspondentie "
        "tussen de NCTV en de NAVO (ingezonden 1 oktober 2024).",
        [("Van Houwelingen", "FVD")],
        [("Minister", "Justitie en Veiligheid")],
        "correspondentie tussen de NCTV en de NAVO",
    ),
    (
        "Vragen van de leden Sneller , Bamenga (allen D66) en Gabriëls (GroenLinks-PvdA) aan de Ministers van "
        "Economische Zaken en van Klimaaten Groene Groei en de Staatssecretaris van Infrastructuur en Waterstaat "
        "overde faillissementen (ingezonden 14 november 2024).",
        [("Sneller", "D66"), ("Bamenga", "D66"), ("Gabriëls", "GroenLinks-PvdA")],
        [("Minister", "Economische Zaken"), ("Minister", "Klimaat en Groene Groei"), ("Staatssecretaris", "Infrastructuur en Waterstaat")],
        "de faillissementen",
    ),
    (
        "Vragen van het lid Koekkoek (Volt) aan de Ministers van Buitenlandse Zaken, van Justitie en Veiligheid en "
        "van Asiel en Migratie over het bericht (ingezonden 1 november 2024).",
        [("Koekkoek", "Volt")],
        [("Minister", "Buitenlandse Zaken"), ("Minister", "Justitie en Veiligheid"), ("Minister", "Asiel en Migratie")],
        "het bericht",
    ),
    (
        "Vragen van het lid DaniëlleJansen (Nieuw Sociaal Contract) aan de Minister en de Staatssecretaris van "
        "Volksgezondheid, Welzijn en Sportover het verdwijnen van de restitutiepolis (ingezonden 5 november 2024).",
        [("Daniëlle Jansen", "Nieuw Sociaal Contract")],
        [("Minister", "Volksgezondheid, Welzijn en Sport"), ("Staatssecretaris", "Volksgezondheid, Welzijn en Sport")],
        "het verdwijnen van de restitutiepolis",
    ),
]


@pytest.mark.parametrize(("sentence", "askers", "offices", "title"), HEADINGS)
def test_parse_heading(sentence: str, askers: list, offices: list, title: str) -> None:
    h = grammar.parse_heading(sentence)
    assert [(m.name, m.party) for m in h.askers] == askers
    assert [(o.role.value, o.portfolio) for o in h.addressees] == offices
    assert h.title == title


def test_answer_line_keeps_spaced_double_name_and_unclosed_parenthesis() -> None:
    a = grammar.parse_answer_line("Antwoord van minister Faber - Van de Klashorst (Asiel en Migratie) (ontvangen 20 november 2024)")
    assert [(o.name, o.portfolio) for o in a.answerers] == [("Faber - Van de Klashorst", "Asiel en Migratie")]
    b = grammar.parse_answer_line("Antwoord van staatssecretaris Karremans (Volksgezondheid, Welzijn en Sport (ontvangen 19 november 2024)")
    assert b.date_answered == dt.date(2024, 11, 19) and b.answerers[0].name == "Karremans"


def test_notice_sentence() -> None:
    n = grammar.parse_notice(
        "De vragen van het lid Flach (SGP) over de beantwoording van schriftelijke vragen over het intrekken van "
        "vergunningen (2024Z17067) kunnen niet binnen de gebruikelijke termijn worden beantwoord."
    )
    assert [m.name for m in n.askers] == ["Flach"]
    assert n.title == "de beantwoording van schriftelijke vragen over het intrekken van vergunningen"
    assert n.zaak == "2024Z17067"


@pytest.mark.parametrize(
    ("label", "numbers"),
    [("3, 4 en 5", (3, 4, 5)), ("7, 8, 9 10 en 11", (7, 8, 9, 10, 11)), ("4-7", (4, 5, 6, 7)), ("1,2,3,4 en 5", (1, 2, 3, 4, 5))],
)
def test_parse_numbers(label: str, numbers: tuple[int, ...]) -> None:
    assert grammar.parse_numbers(label) == numbers


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["Het Advies-", "en Meldpunt"], "Het Advies- en Meldpunt"),
        (["de NIS2-", "richtlijn"], "de NIS2-richtlijn"),
        (["beschik-", "baarheid"], "beschikbaarheid"),
        (["https://www.movisie.nl/files/", "220315_%20Regenboogbeleid.pdf"], "https://www.movisie.nl/files/220315_%20Regenboogbeleid.pdf"),
        (["Overheid.nl, https://", "www.internetconsultatie.nl/x"], "Overheid.nl, https://www.internetconsultatie.nl/x"),
        (["(https://www.change.inc/drama-voor-nederlandse-", "plasticrecycling-umincorp)"], "(https://www.change.inc/drama-voor-nederlandse-plasticrecycling-umincorp)"),
    ],
)
def test_join_lines(parts: list[str], joined: str) -> None:
    assert join_lines(parts, {"hiv-infecties"}) == joined


@pytest.mark.parametrize(
    ("numbers", "text", "clean"),
    [
        ({1, 2}, "tegengaan?1 Zo ja, in november 20232 is", "tegengaan? Zo ja, in november 2023 is"),
        ({1}, "«Het was te verleidelijk»»1?", "«Het was te verleidelijk»»?"),
        ({4}, "Zo geeft NIS24 aan dat", "Zo geeft NIS2 aan dat"),
        ({1}, "de uitstoot van CO2 daalt", "de uitstoot van CO2 daalt"),
        ({1}, "bij het UWV 1) ook", "bij het UWV ook"),
    ],
)
def test_markers(numbers: set[int], text: str, clean: str) -> None:
    assert MarkerState(numbers).strip(text) == clean


def test_find_urls_keeps_misprinted_scheme() -> None:
    assert find_urls("Change, (ttps://www.change.inc/a-b)") == ["ttps://www.change.inc/a-b"]


def test_unglue_splits_at_line_joins_only_with_evidence() -> None:
    lex = Lexicon.from_text("Verenigd Koninkrijk en het Verenigd Koninkrijk")
    line = ("Bent u bereid om het toezicht op de transporten van paarden uit Ierland en hetVerenigd Koninkrijk te "
            "intensiveren? Zo nee, waarom niet?")
    assert "en het Verenigd Koninkrijk" in unglue(line, lex, 72)
    assert unglue("Een korte regel.", lex, 72) == "Een korte regel."


def test_restore_url_hyphen_needs_known_words() -> None:
    lex = Lexicon.from_text("rekeninggluren rekeninggluren over")
    assert restore_url_hyphen("https://x.nl/tuchtrecht-vraagt-om-opheldering-overrekeninggluren/", lex).endswith("over-rekeninggluren/")
    assert restore_url_hyphen("https://x.nl/a/regenboogbeleid", lex) == "https://x.nl/a/regenboogbeleid"
