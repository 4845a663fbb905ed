"""Deterministic generator of written-question publications in the Aanhangsel layout, as pdftotext prints them.

    python benchmarks/generator.py --out DIR --count N [--seed S]

writes N files named like the real ones (`ah-tk-20232024-1980.pdftotext.txt`, `kv-tk-2024Z18656.pdftotext.txt`).
`generate(n, seed)` yields the same `(name, text)` pairs; the first k documents of `generate(n, seed)` are
those of `generate(k, seed)` for every k <= n (each document has its own random stream).

What a document looks like (measured on the real pdftotext files, 2–16 KB): the first-page header
("Tweede Kamer der Staten-Generaal / Vergaderjaar … / 2 / Aanhangsel van de Handelingen / Vragen gesteld
door de leden der Kamer, … / <nr>"), the heading sentence with one to five askers and their parties
("de leden X (P) en Y (Q)", "(beiden P)", "(allen P)"), one to three addressed offices (singular and plural:
"de Ministers van A en van B"), the answer line ("Antwoord van Minister X (A), mede namens … (ontvangen …).
Zie ook Aanhangsel Handelingen, vergaderjaar …, nr. …"), 3–15 numbered questions and answers (some grouped:
"Vraag 3, 4 en 5" / "Antwoord 4 en 5"), footnotes at the page bottom (numbers inline or printed apart,
URLs broken over lines), citations (Kamerstuk 31 015, nr. 123; Aanhangsel Handelingen II 2019/20, nr. 89),
names of organisations, laws (citeertitel), programmes, «quoted» report titles and treaty articles, page
breaks (form feeds) with the running footer and page number, hard line breaks with end-of-line
hyphenation (kept as "gemeen-/ten", or joined onto one over-long line as newer pdftotext does).
About 15% are published questions without an answer (kv-tk-…) and 5% postponement notices (Mededeling).

Members, parties, ministers and portfolios come from small hand-written tables of public facts
(1995–2025); the sentences are templates filled from per-topic word lists. Nothing is copied from
any corpus.

>>> docs = list(generate(3, seed=1))
>>> [name for name, _ in docs] == [name for name, _ in generate(3, seed=1)]
True
>>> docs[0][1].startswith("Tweede Kamer der Staten-Generaal")
True
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GeneratedDoc", "generate", "generate_docs", "main"]

FIRST_SESSION = 1995
LAST_SESSION = 2024  # 2024–2025
KV_FROM = 2008  # zaak numbers ("2024Z18656") exist from about 2008
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
FN_MARK = "\ue000"  # placeholder for a footnote marker while wrapping (private-use character)

# --- facts: portfolios, office holders, members ---------------------------------------------------

# lineage → (portfolio as printed, first year, last year) (calendar years, approximate cabinet dates)
PORTFOLIOS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "vws": (("Volksgezondheid, Welzijn en Sport", 1994, 2025),),
    "jenv": (("Justitie", 1994, 2010), ("Veiligheid en Justitie", 2010, 2017), ("Justitie en Veiligheid", 2017, 2025)),
    "bzk": (("Binnenlandse Zaken", 1994, 1998), ("Binnenlandse Zaken en Koninkrijksrelaties", 1998, 2025)),
    "fin": (("Financiën", 1994, 2025),),
    "ocw": (("Onderwijs, Cultuur en Wetenschap", 1994, 2025),),
    "szw": (("Sociale Zaken en Werkgelegenheid", 1994, 2025),),
    "ienw": (("Verkeer en Waterstaat", 1994, 2010), ("Infrastructuur en Milieu", 2010, 2017), ("Infrastructuur en Waterstaat", 2017, 2025)),
    "ezk": (
        ("Economische Zaken", 1994, 2010), ("Economische Zaken, Landbouw en Innovatie", 2010, 2012),
        ("Economische Zaken", 2012, 2017), ("Economische Zaken en Klimaat", 2017, 2024), ("Economische Zaken", 2024, 2025),
    ),
    "lnv": (
        ("Landbouw, Natuurbeheer en Visserij", 1994, 2003), ("Landbouw, Natuur en Voedselkwaliteit", 2003, 2010),
        ("Landbouw, Natuur en Voedselkwaliteit", 2017, 2024), ("Landbouw, Visserij, Voedselzekerheid en Natuur", 2024, 2025),
    ),
    "bz": (("Buitenlandse Zaken", 1994, 2025),),
    "def": (("Defensie", 1994, 2025),),
    "vrom": (("Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer", 1994, 2010), ("Volkshuisvesting en Ruimtelijke Ordening", 2024, 2025)),
    "aenm": (("Asiel en Migratie", 2024, 2025),),
}  # fmt: skip

# a lineage that did not exist in a year is handled by this one
SUCCESSOR = {"lnv": "ezk", "vrom": "bzk", "aenm": "jenv"}


@dataclass(frozen=True, slots=True)
class Holder:
    """A minister or state secretary: surname as printed, ministry line, years, and the 'voor' post if any."""

    role: str  # Minister | Staatssecretaris
    name: str
    lineage: str
    start: int
    end: int
    voor: str | None = None


def _h(role: str, lineage: str, rows: str) -> list[Holder]:
    out = []
    for row in rows.split(";"):
        name, years, *voor = (x.strip() for x in row.split("|"))
        a, b = years.split("-")
        out.append(Holder(role, name, lineage, int(a), int(b), voor[0] if voor else None))
    return out


M, S = "Minister", "Staatssecretaris"
HOLDERS: list[Holder] = [
    *_h(M, "vws", "Borst-Eilers|1994-2002; Bomhoff|2002-2003; Hoogervorst|2003-2007; Klink|2007-2010; Schippers|2010-2017; "
        "De Jonge|2017-2022; Kuipers|2022-2023; Helder|2024-2024; Agema|2024-2025; Bruins|2017-2019|Medische Zorg; "
        "Van Ark|2020-2021|Medische Zorg en Sport"),
    *_h(S, "vws", "Terpstra|1994-1998; Vliegenthart|1998-2002; Ross-van Dorp|2002-2006; Bussemaker|2007-2010; "
        "Veldhuijzen van Zanten-Hyllner|2010-2012; Van Rijn|2012-2017; Blokhuis|2017-2022; Van Ooijen|2022-2024; Karremans|2024-2025"),
    *_h(M, "jenv", "Sorgdrager|1994-1998; Korthals|1998-2002; Donner|2002-2006; Hirsch Ballin|2006-2010; Opstelten|2010-2015; "
        "Van der Steur|2015-2017; Grapperhaus|2017-2022; Yeşilgöz-Zegerius|2022-2024; Van Weel|2024-2025; "
        "Dekker|2017-2022|Rechtsbescherming; Weerwind|2022-2024|Rechtsbescherming; Verdonk|2003-2006|Vreemdelingenzaken en Integratie"),
    *_h(S, "jenv", "Schmitz|1994-1998; Cohen|1998-2001; Albayrak|2007-2010; Teeven|2010-2015; Dijkhoff|2015-2017; "
        "Harbers|2017-2019; Broekers-Knol|2019-2021; Van der Burg|2022-2024; Coenradie|2024-2025"),
    *_h(M, "bzk", "Dijkstal|1994-1998; Peper|1998-2000; De Vries|2000-2002; Remkes|2002-2007; Ter Horst|2007-2010; "
        "Donner|2011-2012; Plasterk|2012-2017; Ollongren|2017-2021; Bruins Slot|2022-2023; De Jonge|2023-2024; "
        "Uitermark|2024-2025; Blok|2012-2017|Wonen en Rijksdienst; De Jonge|2022-2024|Volkshuisvesting en Ruimtelijke Ordening"),
    *_h(S, "bzk", "Van de Vondervoort|1998-2002; Bijleveld-Schouten|2007-2010; Knops|2017-2021; Van Huffelen|2022-2024; Szabó|2024-2025"),
    *_h(M, "fin", "Zalm|1994-2002; Hoogervorst|2002-2003; Zalm|2003-2007; Bos|2007-2010; De Jager|2010-2012; "
        "Dijsselbloem|2012-2017; Hoekstra|2017-2022; Kaag|2022-2024; Heinen|2024-2025"),
    *_h(S, "fin", "Vermeend|1994-2000; Bos|2000-2002; Wijn|2003-2006; De Jager|2007-2010; Weekers|2010-2014; "
        "Wiebes|2014-2017; Snel|2017-2020; Vijlbrief|2020-2022; Van Rij|2022-2024"),
    *_h(M, "ocw", "Ritzen|1994-1998; Hermans|1998-2002; Van der Hoeven|2002-2007; Plasterk|2007-2010; "
        "Van Bijsterveldt-Vliegenthart|2010-2012; Bussemaker|2012-2017; Van Engelshoven|2017-2022; Dijkgraaf|2022-2024; Bruins|2024-2025; "
        "Slob|2017-2022|Basis- en Voortgezet Onderwijs en Media"),
    *_h(S, "ocw", "Nuis|1994-1998; Adelmund|1998-2002; Rutte|2004-2006; Dijksma|2007-2010; Zijlstra|2010-2012; Dekker|2012-2017; Uslu|2022-2024"),
    *_h(M, "szw", "Melkert|1994-1998; De Vries|1998-2000; Vermeend|2000-2002; De Geus|2002-2007; Donner|2007-2010; Kamp|2010-2012; "
        "Asscher|2012-2017; Koolmees|2017-2022; Van Gennip|2022-2024; Van Hijum|2024-2025; "
        "Schouten|2022-2024|Armoedebeleid, Participatie en Pensioenen"),
    *_h(S, "szw", "De Grave|1994-1998; Hoogervorst|1998-2002; Klijnsma|2012-2017; Van Ark|2017-2020; Nobel|2024-2025"),
    *_h(M, "ienw", "Jorritsma|1994-1998; Netelenbos|1998-2002; Peijs|2003-2007; Eurlings|2007-2010; Schultz van Haegen|2010-2017; "
        "Van Nieuwenhuizen-Wijbenga|2017-2021; Harbers|2022-2024; Madlener|2024-2025"),
    *_h(S, "ienw", "Huizinga-Heringa|2007-2010; Mansveld|2012-2015; Dijksma|2015-2017; Van Veldhoven|2017-2021; Heijnen|2022-2024; Jansen|2024-2025"),
    *_h(M, "ezk", "Wijers|1994-1998; Jorritsma|1998-2002; Brinkhorst|2003-2006; Van der Hoeven|2007-2010; Verhagen|2010-2012; "
        "Kamp|2012-2017; Wiebes|2017-2021; Adriaansens|2022-2024; Beljaarts|2024-2025"),
    *_h(S, "ezk", "Bleker|2010-2012; Dijksma|2012-2014; Van Dam|2014-2017; Keijzer|2017-2021; Vijlbrief|2022-2023"),
    *_h(M, "lnv", "Van Aartsen|1994-1998; Apotheker|1998-1999; Brinkhorst|1999-2002; Veerman|2002-2007; Verburg|2007-2010; "
        "Schouten|2017-2022; Staghouwer|2022-2022; Adema|2022-2024; Wiersma|2024-2025"),
    *_h(M, "bz", "Van Mierlo|1994-1998; Van Aartsen|1998-2002; De Hoop Scheffer|2002-2003; Bot|2003-2007; Verhagen|2007-2010; "
        "Rosenthal|2010-2012; Timmermans|2012-2014; Koenders|2014-2017; Blok|2018-2021; Hoekstra|2022-2023; Bruins Slot|2023-2024; "
        "Veldkamp|2024-2025; Ploumen|2012-2017|Buitenlandse Handel en Ontwikkelingssamenwerking; "
        "Kaag|2017-2021|Buitenlandse Handel en Ontwikkelingssamenwerking; Schreinemacher|2022-2024|Buitenlandse Handel en Ontwikkelingssamenwerking"),
    *_h(M, "def", "Voorhoeve|1994-1998; De Grave|1998-2002; Kamp|2002-2007; Van Middelkoop|2007-2010; Hillen|2010-2012; "
        "Hennis-Plasschaert|2012-2017; Bijleveld-Schouten|2017-2021; Ollongren|2022-2024; Brekelmans|2024-2025"),
    *_h(S, "def", "Van der Knaap|2002-2007; Visser|2017-2019; Van der Maat|2022-2024; Tuinman|2024-2025"),
    *_h(M, "vrom", "De Boer|1994-1998; Pronk|1998-2002; Dekker|2003-2006; Cramer|2007-2010; Keijzer|2024-2025"),
    *_h(S, "vrom", "Van Geel|2002-2007"),
    *_h(M, "aenm", "Faber|2024-2025"),
]  # fmt: skip

# (surname as printed, party, first year, last year) — Tweede Kamer members, approximate periods
MEMBERS: list[tuple[str, str, int, int]] = [
    (n.strip(), p.strip(), int(y[:4]), int(y[5:]))
    for n, p, y in (row.split("|") for row in """\
Rosenmöller|GroenLinks|1994-2002; Halsema|GroenLinks|1998-2011; Vendrik|GroenLinks|1998-2011; Azough|GroenLinks|2002-2010;
Kant|SP|1998-2012; Marijnissen|SP|1994-2008; Van Bommel|SP|1998-2015; Rouvoet|RPF|1994-2000; Rouvoet|ChristenUnie|2001-2007;
Van der Vlies|SGP|1994-2010; Van der Staaij|SGP|1998-2023; Dittrich|D66|1994-2006; De Graaf|D66|1994-2003;
Van Heemst|PvdA|1994-2002; Hamer|PvdA|2002-2016; Arib|PvdA|1998-2021; Dijsselbloem|PvdA|2002-2012; Eijsink|PvdA|2003-2015;
Verhagen|CDA|1994-2007; Atsma|CDA|1998-2010; Sterk|CDA|2006-2012; Omtzigt|CDA|2003-2021; Omtzigt|NSC|2023-2025;
Weekers|VVD|1998-2010; Van Baalen|VVD|1999-2009; Schippers|VVD|2003-2010; Wilders|VVD|1998-2004; Wilders|PVV|2006-2025;
Teeven|Leefbaar Nederland|2002-2003; Teeven|VVD|2006-2010; Eerdmans|LPF|2002-2003; Eerdmans|JA21|2021-2025;
Fritsma|PVV|2006-2017; Agema|PVV|2006-2024; Graus|PVV|2006-2023; Bosma|PVV|2010-2025; Kops|PVV|2017-2025;
Van der Ham|D66|2006-2012; Pechtold|D66|2006-2018; Van Weyenberg|D66|2010-2025; Thieme|PvdD|2006-2019; Ouwehand|PvdD|2006-2025;
Leijten|SP|2006-2023; Van Gerven|SP|2006-2017; Kooiman|SP|2010-2017; Irrgang|SP|2006-2010; Van Velzen|SP|2006-2010;
Bouwmeester|PvdA|2008-2017; Kuiken|PvdA|2010-2023; Ypma|PvdA|2012-2017; Rebel|PvdA|2012-2017; Nijboer|PvdA|2017-2023;
Keijzer|CDA|2012-2017; Keijzer|BBB|2023-2024; Segers|ChristenUnie|2012-2023; Voordewind|ChristenUnie|2007-2021;
Dik-Faber|ChristenUnie|2012-2021; Bisschop|SGP|2012-2025; Stoffer|SGP|2018-2025; Van Nispen|SP|2012-2025; Van Kent|SP|2017-2025;
Dijkhoff|VVD|2012-2015; Tellegen|VVD|2017-2023; Klaver|GroenLinks|2010-2023; Klaver|GroenLinks-PvdA|2023-2025;
Ellemeet|GroenLinks|2015-2023; Westerveld|GroenLinks|2017-2023; Westerveld|GroenLinks-PvdA|2023-2025; Sneller|D66|2017-2025;
Paternotte|D66|2017-2025; Kuzu|DENK|2017-2023; Öztürk|DENK|2017-2021; Krol|50PLUS|2012-2019; Baudet|FvD|2017-2025;
Kwint|SP|2017-2023; Dobbe|SP|2021-2025; Ellian|VVD|2021-2025; Van den Hil|VVD|2021-2025; Rajkowski|VVD|2021-2025;
Michon-Derkzen|VVD|2021-2025; Mutluer|PvdA|2021-2023; Mutluer|GroenLinks-PvdA|2023-2025; Podt|D66|2021-2025;
Koekkoek|Volt|2021-2025; Dassen|Volt|2021-2025; Boswijk|CDA|2021-2025; Bontenbal|CDA|2021-2025; Inge van Dijk|CDA|2021-2025;
Bikker|ChristenUnie|2021-2025; Grinwis|ChristenUnie|2021-2025; Van Haga|VVD|2017-2020; Van Haga|Groep Van Haga|2021-2023;
Van der Plas|BBB|2021-2025; Chakor|GroenLinks-PvdA|2023-2025; Kostić|PvdD|2023-2025; Van Zanten|BBB|2023-2025;
Bamenga|D66|2023-2025; Markuszower|PVV|2023-2025; Boon|PVV|2023-2025; Vijlbrief|D66|2023-2025; Postma|NSC|2023-2025;
Vermeer|BBB|2023-2025; Kisteman|VVD|2023-2025; Slagt-Tichelman|GroenLinks-PvdA|2023-2025; Bromet|GroenLinks|2017-2023;
Van Raan|PvdD|2017-2023; Jasper van Dijk|SP|2006-2023; Gijs van Dijk|PvdA|2017-2023; Hijink|SP|2017-2025;
Van Toorenburg|CDA|2010-2023; Heerma|CDA|2012-2023; Amhaouch|CDA|2017-2023; Van Dam|CDA|2006-2010; Ormel|CDA|2003-2012;
Koşer Kaya|D66|2006-2017; Lambrechts|D66|2003-2006; Hessels|CDA|2003-2012; Van Gent|GroenLinks|2002-2012;
Timmer|PvdA|2002-2006; Tichelaar|PvdA|2003-2010; Depla|PvdA|2003-2010; Vergeer|SP|2006-2010; Poppe|SP|2002-2012;
Nicolaï|VVD|2003-2007; Luchtenveld|VVD|1998-2006; Ter Veer|D66|1998-2003; Van Oven|PvdA|1998-2006; Rietkerk|CDA|1998-2006;
Buijs|CDA|1998-2006; Hofstra|VVD|1998-2003; Kamp|VVD|1994-2002; Van Zuijlen|PvdA|1994-2002; Stellingwerf|RPF|1994-2000;
Schutte|GPV|1994-2000; Van Middelkoop|GPV|1994-2000; Oedayraj Singh Varma|GroenLinks|1994-2002; Hoekema|D66|1994-2003;
Rehwinkel|PvdA|1994-2002; Van Walsem|D66|1994-2002; Van der Hoeven|CDA|1994-2002; Kalsbeek|PvdA|1994-2002;
Duivesteijn|PvdA|1994-2006; Blok|VVD|1998-2012; Van Beek|VVD|1998-2006; Lazrak|SP|2003-2006; Roemer|SP|2006-2017;
Omtzigt|Lid Omtzigt|2021-2023; Madlener|PVV|2010-2024; Helder|PVV|2010-2024; Beertema|PVV|2010-2023; De Roon|PVV|2006-2023;
Nagtegaal|VVD|2012-2023; Agnes Mulder|CDA|2012-2023; Van Veldhoven|D66|2010-2017; Jetten|D66|2017-2023;
Diertens|D66|2017-2021; Van Ark|VVD|2012-2017; Yeşilgöz-Zegerius|VVD|2017-2022; Sazias|50PLUS|2017-2021;
Wassenberg|PvdD|2017-2023; Kröger|GroenLinks|2017-2023; Van Esch|PvdD|2017-2023; Thijssen|PvdA|2021-2023"""
    .replace("\n", " ").split(";"))
]  # fmt: skip

# --- per-topic vocabulary ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    lineage: str
    subjects: tuple[str, ...]  # noun phrases: "de wachttijden in de ggz"
    nouns: tuple[str, ...]  # plural nouns that are counted: "patiënten"
    orgs: tuple[str, ...]
    laws: tuple[str, ...]
    programmes: tuple[str, ...]
    reports: tuple[str, ...]  # report titles, printed in «»
    problems: tuple[str, ...]  # clauses: "zorgaanbieders onvoldoende personeel kunnen vinden"


def _t(lineage: str, **kw: str) -> Topic:
    return Topic(lineage, **{k: tuple(x.strip() for x in v.split(";")) for k, v in kw.items()})


TOPICS: tuple[Topic, ...] = (
    _t("vws",
       subjects="de wachttijden in de geestelijke gezondheidszorg; de tekorten aan personeel in de wijkverpleging; de sluiting van "
       "de spoedeisende hulp in regionale ziekenhuizen; de bekostiging van de jeugdzorg; de beschikbaarheid van geneesmiddelen; "
       "de kwaliteit van de verpleeghuiszorg; de preventie van kindermishandeling",
       nouns="patiënten; cliënten; zorgaanbieders; wijkverpleegkundigen; huisartsen; kinderen; meldingen; verpleeghuizen",
       orgs="Nederlandse Zorgautoriteit (NZa); Inspectie Gezondheidszorg en Jeugd; Zorgverzekeraars Nederland; Zorginstituut Nederland; "
       "Rijksinstituut voor Volksgezondheid en Milieu (RIVM); GGD GHOR Nederland; Kinderombudsman; Nederlands Jeugdinstituut",
       laws="Zorgverzekeringswet; Wet langdurige zorg; Jeugdwet; Wet maatschappelijke ondersteuning 2015; Wet publieke gezondheid; "
       "Wet verplichte geestelijke gezondheidszorg; Geneesmiddelenwet; Wet kwaliteit, klachten en geschillen zorg",
       programmes="programma Geweld hoort nergens thuis; programma Langer Thuis; Integraal Zorgakkoord; programma Zorgvuldig en Zinnig; "
       "Hervormingsagenda Jeugd; programma Kansrijke Start",
       reports="Wachttijden in de ggz: stand van zaken; Zorg voor de toekomst; De staat van de wijkverpleging; "
       "Preventie van kindermishandeling in gemeenten, van papier naar werkelijkheid; Monitor medicijntekorten",
       problems="patiënten steeds langer moeten wachten op een behandeling; zorgaanbieders onvoldoende personeel kunnen vinden; "
       "gemeenten niet weten hoe zij de jeugdzorg moeten bekostigen; de registratie van wachttijden niet op orde is; "
       "verzekerden onterecht een rekening ontvangen"),
    _t("jenv",
       subjects="de wachttijden bij de Raad voor de Kinderbescherming; de capaciteit van het gevangeniswezen; de aanpak van "
       "ondermijnende criminaliteit; de achterstanden bij het Openbaar Ministerie; de bescherming van journalisten; "
       "de vuurwerkoverlast rond de jaarwisseling; het tekort aan rechters",
       nouns="zaken; aangiftes; gedetineerden; agenten; slachtoffers; verdachten; rechters; boetes",
       orgs="Openbaar Ministerie; Raad voor de Kinderbescherming; Dienst Justitiële Inrichtingen; Raad voor de rechtspraak; "
       "Nationale Politie; Inspectie Justitie en Veiligheid; Centraal Justitieel Incassobureau (CJIB); Nederlands Forensisch Instituut",
       laws="Wetboek van Strafrecht; Wetboek van Strafvordering; Wet politiegegevens; Wet justitiële en strafvorderlijke gegevens; "
       "Penitentiaire beginselenwet; Wet wapens en munitie; Opiumwet; Wet op de rechterlijke organisatie",
       programmes="Programma Toekomst Kinderbescherming; Breed Offensief tegen Georganiseerde Ondermijnende Criminaliteit; "
       "programma Samen tegen mensenhandel; Actieplan Veiligheid Lhbtiq+; programma Prevent with Purpose",
       reports="Capaciteit in de strafrechtketen; Veilig thuis, veilig op straat; Doorlooptijden in de strafrechtketen; "
       "Staat van de rechtsstaat; Dreigingsbeeld Terrorisme Nederland",
       problems="de doorlooptijden in de strafrechtketen verder oplopen; het aantal aangiftes van online oplichting sterk stijgt; "
       "gevangenissen onvoldoende personeel hebben; slachtoffers te laat worden geïnformeerd; de politie te weinig capaciteit heeft"),
    _t("bzk",
       subjects="de beveiliging van overheidssystemen; de veiligheid van lokale politici; de financiële positie van gemeenten; "
       "de uitvoering van de Wet open overheid; quantumveilige encryptie; de woningnood onder starters; de digitale "
       "toegankelijkheid van overheidsdiensten",
       nouns="gemeenten; woningen; ambtenaren; Woo-verzoeken; datalekken; huurders; raadsleden; burgemeesters",
       orgs="Vereniging van Nederlandse Gemeenten (VNG); Autoriteit Persoonsgegevens; Logius; Algemene Rekenkamer; "
       "Nationaal Cyber Security Centrum (NCSC); Kiesraad; Raad van State; Rijksdienst voor Identiteitsgegevens",
       laws="Wet open overheid; Gemeentewet; Provinciewet; Algemene verordening gegevensbescherming; Kieswet; Huisvestingswet 2014; "
       "Wet digitale overheid; Woningwet",
       programmes="programma Weerbaar Bestuur; Nationale Woon- en Bouwagenda; programma Open Overheid; Werkagenda Waardengedreven Digitaliseren; "
       "programma Versterking Functie Informatiehuishouding",
       reports="Baseline Informatiebeveiliging Overheid; Staat van het Bestuur; Quantumveilige cryptografie; Agressie en geweld tegen politieke ambtsdragers; "
       "Staat van de Volkshuisvesting",
       problems="gemeenten structureel geld tekortkomen; Woo-verzoeken niet binnen de wettelijke termijn worden afgehandeld; "
       "lokale politici steeds vaker worden bedreigd; overheidssystemen kwetsbaar zijn voor aanvallen; starters geen betaalbare woning kunnen vinden"),
    _t("fin",
       subjects="de hersteloperatie kinderopvangtoeslag; de belastingheffing op vermogen in box 3; de invordering door de Belastingdienst; "
       "de gerichte vrijstelling in de loonbelasting; de btw-fraude met mobiele telefoons; de verhoging van de energiebelasting",
       nouns="ouders; belastingplichtigen; bezwaarschriften; aanslagen; toeslagen; herstelbetalingen; ondernemers",
       orgs="Belastingdienst; Uitvoeringsorganisatie Herstel Toeslagen; De Nederlandsche Bank; Autoriteit Financiële Markten; "
       "Raad van State; Nationale ombudsman; Hoge Raad",
       laws="Wet op de inkomstenbelasting 2001; Wet op de loonbelasting 1964; Algemene wet inzake rijksbelastingen; "
       "Algemene wet inkomensafhankelijke regelingen; Invorderingswet 1990; Wet op de omzetbelasting 1968",
       programmes="programma Herstel Toeslagen; Werkagenda Belastingdienst; Fiscale beleids- en uitvoeringsagenda",
       reports="Stand van de uitvoering; Bouwstenen voor een beter belastingstelsel; Ongekend onrecht; Jaarverslag Belastingdienst",
       problems="gedupeerde ouders nog steeds wachten op een herstelbetaling; de Belastingdienst bezwaarschriften niet tijdig afhandelt; "
       "de heffing in box 3 in strijd is met het eigendomsrecht; ondernemers onterecht een naheffing ontvangen"),
    _t("ocw",
       subjects="het lerarentekort in het primair onderwijs; de kwaliteit van het burgerschapsonderwijs; de huisvesting van "
       "internationale studenten; het regenboogbeleid van provincies; de leesvaardigheid van leerlingen; de toegankelijkheid van musea",
       nouns="leerlingen; leraren; scholen; studenten; instellingen; musea; vacatures",
       orgs="Inspectie van het Onderwijs; Dienst Uitvoering Onderwijs (DUO); Raad voor Cultuur; PO-Raad; VO-raad; "
       "Universiteiten van Nederland; Nederlandse Organisatie voor Wetenschappelijk Onderzoek (NWO); Movisie",
       laws="Wet op het primair onderwijs; Wet voortgezet onderwijs 2020; Wet op het hoger onderwijs en wetenschappelijk onderzoek; "
       "Wet studiefinanciering 2000; Erfgoedwet; Mediawet 2008",
       programmes="Masterplan basisvaardigheden; Nationaal Programma Onderwijs; Regenboogstedenbeleid; programma School en Omgeving",
       reports="De Staat van het Onderwijs; Inventarisatie Regenboogbeleid Regenboogprovincies; Trendrapportage lerarentekort; "
       "Internationalisering in evenwicht",
       problems="scholen structureel onvoldoende leraren kunnen vinden; de leesvaardigheid van leerlingen verder daalt; "
       "internationale studenten geen kamer kunnen vinden; provincies zich terugtrekken uit het regenboogbeleid"),
    _t("szw",
       subjects="de armoede onder werkende gezinnen; de uitvoering van de Participatiewet; de re-integratie van arbeidsgehandicapten; "
       "de misstanden bij arbeidsmigranten; de stijging van het minimumloon; de schuldhulpverlening door gemeenten",
       nouns="huishoudens; uitkeringsgerechtigden; arbeidsmigranten; werkgevers; werknemers; kinderen; meldingen",
       orgs="Uitvoeringsinstituut Werknemersverzekeringen (UWV); Sociale Verzekeringsbank; Nederlandse Arbeidsinspectie; "
       "Centraal Bureau voor de Statistiek (CBS); Sociaal en Cultureel Planbureau; Stichting van de Arbeid",
       laws="Participatiewet; Wet minimumloon en minimumvakantiebijslag; Wet werk en inkomen naar arbeidsvermogen; Arbeidsomstandighedenwet; "
       "Wet arbeid vreemdelingen; Wet gemeentelijke schuldhulpverlening; Algemene Ouderdomswet",
       programmes="Aanpak geldzorgen, armoede en schulden; programma Breed Offensief; Werkagenda VN-verdrag Handicap",
       reports="Armoede en sociale uitsluiting; Geen tweederangsburgers; Staat van Eerlijk Werk; Kansen voor alle kinderen",
       problems="steeds meer werkende gezinnen in armoede leven; arbeidsmigranten onder erbarmelijke omstandigheden worden gehuisvest; "
       "uitkeringsgerechtigden te maken krijgen met hoge terugvorderingen; gemeenten de schuldhulpverlening onvoldoende toegankelijk maken"),
    _t("ienw",
       subjects="de staat van bruggen en viaducten; de luchtvaartoverlast rond Schiphol; de opslag van vuurwerk in woonwijken; "
       "de dienstregeling van de NS; de verzilting van het grondwater; de veiligheid van de dijken",
       nouns="reizigers; vluchten; kunstwerken; treinen; omwonenden; kilometers; meldingen",
       orgs="Rijkswaterstaat; Inspectie Leefomgeving en Transport (ILT); Nederlandse Spoorwegen (NS); ProRail; "
       "Koninklijk Nederlands Meteorologisch Instituut (KNMI); Schiphol Group; Onderzoeksraad voor Veiligheid",
       laws="Wet luchtvaart; Spoorwegwet; Waterwet; Wegenverkeerswet 1994; Wet milieubeheer; Omgevingswet; Vuurwerkbesluit",
       programmes="Deltaprogramma; programma Vervanging en Renovatie; Meerjarenprogramma Infrastructuur, Ruimte en Transport; "
       "programma Hoogwaterbescherming",
       reports="Staat van de infrastructuur; Veilig vuurwerk; Luchtvaartnota 2020–2050; Klimaatbestendig Nederland",
       problems="tientallen bruggen dringend aan vervanging toe zijn; omwonenden ernstige geluidshinder ondervinden; "
       "in woonwijken grote hoeveelheden vuurwerk liggen opgeslagen; reizigers steeds vaker met uitval te maken krijgen"),
    _t("ezk",
       subjects="de gaswinning in Groningen; de netcongestie op het elektriciteitsnet; de positie van het midden- en kleinbedrijf; "
       "de uitrol van glasvezel op het platteland; de energierekening van huishoudens; de overname van Nederlandse techbedrijven",
       nouns="bedrijven; aansluitingen; huishoudens; ondernemers; aardbevingen; schademeldingen",
       orgs="Autoriteit Consument en Markt (ACM); Staatstoezicht op de Mijnen; Netbeheer Nederland; TenneT; "
       "Instituut Mijnbouwschade Groningen; Rijksdienst voor Ondernemend Nederland (RVO); Kamer van Koophandel",
       laws="Gaswet; Elektriciteitswet 1998; Mijnbouwwet; Telecommunicatiewet; Wet Vifo; Energiewet",
       programmes="Landelijk Actieprogramma Netcongestie; Nationaal Programma Groningen; Groeifonds; programma Digitale Economie",
       reports="Klimaat- en Energieverkenning; Groningers boven gas; Monitor Netcongestie; Staat van het mkb",
       problems="ondernemers maandenlang moeten wachten op een aansluiting; de schadeafhandeling in Groningen vastloopt; "
       "huishoudens hun energierekening niet meer kunnen betalen; strategische bedrijven in buitenlandse handen komen"),
    _t("lnv",
       subjects="de stikstofuitstoot van veehouderijen; de opkoopregeling voor piekbelasters; de vogelgriep; de visserij op de Noordzee; "
       "het gebruik van gewasbeschermingsmiddelen; het dierenwelzijn in slachthuizen",
       nouns="boeren; veehouders; vissers; dieren; hectares; bedrijven; vergunningen",
       orgs="Nederlandse Voedsel- en Warenautoriteit (NVWA); Rijksdienst voor Ondernemend Nederland (RVO); Staatsbosbeheer; "
       "College voor de toelating van gewasbeschermingsmiddelen en biociden (Ctgb); Wageningen University & Research",
       laws="Wet natuurbescherming; Wet dieren; Meststoffenwet; Wet gewasbeschermingsmiddelen en biociden; Visserijwet 1963",
       programmes="Nationaal Programma Landelijk Gebied; Landelijke beëindigingsregeling veehouderijlocaties; Programma Natuur; "
       "Actieplan Ruimte voor Landbouw",
       reports="Niet alles kan overal; Staat van instandhouding; Monitor Dierenwelzijn; Landbouwakkoord",
       problems="boeren geen vergunning kunnen krijgen voor uitbreiding; dieren onnodig lijden tijdens transport; "
       "de uitstoot van stikstof onvoldoende daalt; vissers hun bedrijf moeten beëindigen"),
    _t("bz",
       subjects="de mensenrechtensituatie in Iran; de humanitaire hulp aan Gaza; het bezoek van de Secretaris-Generaal van de "
       "Verenigde Naties aan de BRICS-top; de sancties tegen Rusland; de consulaire bijstand aan gedetineerde Nederlanders",
       nouns="Nederlanders; vluchtelingen; sancties; landen; hulporganisaties; gedetineerden",
       orgs="Verenigde Naties; Europese Commissie; Internationaal Strafhof; Rode Kruis; Internationaal Gerechtshof; NAVO; "
       "Organisatie voor Veiligheid en Samenwerking in Europa (OVSE)",
       laws="Sanctiewet 1977; Wet Internationale misdrijven; Rijkswet goedkeuring en bekendmaking verdragen",
       programmes="Dutch Relief Alliance; Mensenrechtenfonds; programma Power of Voices",
       reports="Algemeen ambtsbericht; Mensenrechtenrapportage; Internationale veiligheidsstrategie",
       problems="de mensenrechtensituatie verder verslechtert; hulporganisaties geen toegang krijgen tot het gebied; "
       "sancties worden omzeild via derde landen; gedetineerde Nederlanders onvoldoende bijstand krijgen"),
    _t("def",
       subjects="de werving van militairen; de levering van F-35-onderdelen; de steun aan Oekraïne; de staat van het defensiematerieel; "
       "de huisvesting van defensiepersoneel",
       nouns="militairen; vacatures; voertuigen; reservisten; kazernes; munitie",
       orgs="Koninklijke Marechaussee; Defensie Materieel Organisatie; NAVO; Militaire Inlichtingen- en Veiligheidsdienst (MIVD); "
       "Europees Defensieagentschap",
       laws="Militaire Ambtenarenwet 1931; Wet op de inlichtingen- en veiligheidsdiensten 2017; Wet militaire strafrechtspraak",
       programmes="Defensievisie 2035; Strategisch Vastgoedplan; Actieplan Personeel",
       reports="Defensienota 2022; Defensie Strategie Industrie; Staat van Defensie",
       problems="duizenden vacatures niet kunnen worden vervuld; materieel niet inzetbaar is door een tekort aan onderdelen; "
       "kazernes in slechte staat verkeren; de voorraad munitie onvoldoende is"),
    _t("aenm",
       subjects="de opvang van alleenstaande minderjarige vreemdelingen; de wachttijden bij de IND; de situatie in het aanmeldcentrum "
       "Ter Apel; de gezinshereniging van statushouders; de terugkeer van uitgeprocedeerde asielzoekers",
       nouns="asielzoekers; statushouders; opvangplekken; aanvragen; minderjarigen; gemeenten",
       orgs="Immigratie- en Naturalisatiedienst (IND); Centraal Orgaan opvang asielzoekers (COA); Dienst Terugkeer en Vertrek; "
       "Adviesraad Migratie; VluchtelingenWerk Nederland; Nidos",
       laws="Vreemdelingenwet 2000; Vreemdelingenbesluit 2000; Wet inburgering 2021; Wet Centraal Orgaan opvang asielzoekers; "
       "Rijkswet op het Nederlanderschap",
       programmes="Programma Flexibilisering Asielketen; Landelijke Taskforce Migratie; Uitvoeringsagenda Inburgering",
       reports="Algemeen ambtsbericht; Staat van Migratie; Opvang in de knel",
       problems="asielzoekers buiten moeten slapen; minderjarigen maandenlang in de noodopvang verblijven; "
       "aanvragen niet binnen de wettelijke termijn worden beslist; gemeenten onvoldoende opvangplekken beschikbaar stellen"),
)  # fmt: skip

TREATY_ARTICLES = (
    "artikel 8 EVRM", "artikel 10 EVRM", "artikel 3 van het VN-Kinderrechtenverdrag", "artikel 33 van het Vluchtelingenverdrag",
    "artikel 6 EVRM", "artikel 5 van het Verdrag van Genève", "artikel 12 van het IVESCR", "artikel 1 van het Eerste Protocol bij het EVRM",
    "artikel 107 van het Verdrag betreffende de werking van de Europese Unie",
)  # fmt: skip
OUTLETS = (
    ("NOS", "nos.nl/artikel"), ("NRC", "www.nrc.nl/nieuws"), ("de Volkskrant", "www.volkskrant.nl/nieuws-achtergrond"),
    ("Trouw", "www.trouw.nl/binnenland"), ("Het Parool", "www.parool.nl/nederland"), ("RTL Nieuws", "www.rtlnieuws.nl/nieuws/nederland/artikel"),
    ("Algemeen Dagblad", "www.ad.nl/binnenland"), ("Follow the Money", "www.ftm.nl/artikelen"), ("Omroep Brabant", "www.omroepbrabant.nl/nieuws"),
    ("Financieel Dagblad", "fd.nl/politiek"), ("Zorgvisie", "www.zorgvisie.nl"), ("Binnenlands Bestuur", "www.binnenlandsbestuur.nl/bestuur"),
)  # fmt: skip
REASONS = (
    "voor de beantwoording afstemming met andere departementen nodig is",
    "de benodigde informatie nog niet volledig beschikbaar is",
    "voor de beantwoording informatie moet worden opgevraagd bij betrokken organisaties",
    "de beantwoording interdepartementale afstemming vergt",
)
FILLERS = (
    "De verantwoordelijkheid voor de uitvoering ligt primair bij de betrokken organisaties, die hierover afspraken maken met "
    "hun ketenpartners.",
    "Ik vind het belangrijk dat hierover duidelijkheid bestaat, zowel voor de betrokkenen als voor uw Kamer.",
    "Daarbij wordt nadrukkelijk gekeken naar de uitvoerbaarheid en de gevolgen voor de betrokken medewerkers.",
    "Over de voortgang wordt regelmatig overlegd met de betrokken partijen.",
    "Het is niet mogelijk om hierover op dit moment meer gedetailleerde informatie te verstrekken.",
    "Ik heb geen aanwijzingen dat dit op grote schaal voorkomt.",
    "Deze afspraken worden in de komende periode verder uitgewerkt en geëvalueerd.",
    "Een verdere uitsplitsing van deze cijfers is niet beschikbaar, omdat deze gegevens niet centraal worden geregistreerd.",
    "Het kabinet deelt de zorgen die uit het bericht spreken en neemt deze signalen serieus.",
    "Tegelijkertijd is het van belang dat maatregelen proportioneel zijn en in verhouding staan tot het doel dat wordt nagestreefd.",
    "Hierbij wordt ook gebruikgemaakt van de ervaringen die in andere landen zijn opgedaan.",
    "Ik zal de ontwikkelingen nauwlettend blijven volgen en waar nodig aanvullende maatregelen nemen.",
)  # fmt: skip


# --- the generated document ----------------------------------------------------------------------


@dataclass(slots=True)
class GeneratedDoc:
    """One generated publication: its file name, text and what it was generated to say (for checks)."""

    name: str
    text: str
    kind: str  # answer | questions | notice
    pub_id: str
    askers: list[tuple[str, str]] = field(default_factory=list)
    addressees: list[tuple[str, str]] = field(default_factory=list)  # (role, portfolio)
    answerer: str | None = None
    questions: int = 0
    question_labels: list[int] = field(default_factory=list)  # the numbers the "Vraag" labels open with
    answers: int = 0
    footnotes: int = 0


def _date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _session(y: int) -> str:
    return f"{y}–{y + 1}"


def _portfolio(lineage: str, year: int) -> str | None:
    for name, a, b in PORTFOLIOS[lineage]:
        if a <= year <= b:
            return name
    return None


def _lineage_in(lineage: str, year: int) -> str:
    while _portfolio(lineage, year) is None:
        lineage = SUCCESSOR[lineage]
    return lineage


def _dossier(rng: random.Random) -> str:
    n = rng.randint(21501, 36600)
    return f"{n // 1000} {n % 1000:03d}"


def _short_session(y: int, rng: random.Random) -> str:
    return f"{y}/{(y + 1) % 100:02d}" if rng.random() < 0.6 else f"{y}–{y + 1}"


class _Writer:
    """Builds one document: sentences, footnotes, lines, pages."""

    def __init__(self, rng: random.Random, year: int, session_year: int) -> None:
        self.rng = rng
        self.year = year
        self.session_year = session_year
        self.footnotes: list[str] = []
        self.base = dt.date(year, 1, 1)
        self.title_headline: str | None = None
        self.max_notes = rng.choice((0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 8, 12))

    # sentences -----------------------------------------------------------------------------------

    def pick(self, seq: tuple[str, ...] | list[str]) -> str:
        return seq[self.rng.randrange(len(seq))]

    def fn(self, body: str) -> str:
        """A footnote marker (placeholder, resolved to its number when the page is laid out); '' when enough."""
        if len(self.footnotes) >= self.max_notes:
            return ""
        self.footnotes.append(body)
        return f"{FN_MARK}{len(self.footnotes)}{FN_MARK}"

    def kamerstuk(self) -> str:
        r = self.rng
        y = r.randint(max(1995, self.year - 6), self.year)
        match r.randrange(4):
            case 0:
                return f"Kamerstuk {_dossier(r)}, nr. {r.randint(1, 480)}"
            case 1:
                return f"Kamerstukken II {_short_session(y, r)}, {_dossier(r)}, nr. {r.randint(1, 480)}"
            case 2:
                return f"Aanhangsel Handelingen II {_short_session(y, r)}, nr. {r.randint(1, 3400)}"
            case _:
                return f"Handelingen II {_short_session(y, r)}, nr. {r.randint(1, 110)}, item {r.randint(2, 30)}"

    def media_note(self, headline: str, when: dt.date) -> str:
        outlet, base = self.pick(OUTLETS)
        slug = re.sub(r"[^a-z0-9]+", "-", _ascii(headline.lower())).strip("-")
        num = self.rng.randint(1000000, 9999999)
        url = (
            f"https://{base}/{num}-{slug}"
            if self.rng.random() < 0.5
            else f"https://{base}/{when.year}/{when.month:02d}/{when.day:02d}/{slug}-a{num}"
        )
        if self.rng.random() < 0.3:
            url += "/"
        return f"{_cap(outlet)}, {_date(when)}, «{headline}» ({url})"

    def gov_note(self, title: str) -> str:
        d = self.when(-400, -10)
        slug = re.sub(r"[^a-z0-9]+", "-", _ascii(title.lower())).strip("-")
        site = self.pick(("www.rijksoverheid.nl/documenten/rapporten", "www.rijksoverheid.nl/documenten/kamerstukken",
                          "open.overheid.nl/documenten", "www.tweedekamer.nl/kamerstukken/brieven_regering/detail"))  # fmt: skip
        return f"{title}, {_date(d)} (https://{site}/{d.year}/{d.month:02d}/{d.day:02d}/{slug})"

    def when(self, lo: int, hi: int) -> dt.date:
        return self.base + dt.timedelta(days=self.rng.randint(lo, hi))

    def headline(self, t: Topic) -> str:
        r = self.rng
        org = _short_org(self.pick(t.orgs))
        forms = (
            lambda: f"{org} waarschuwt: {self.pick(t.problems)}",
            lambda: f"{_cap(self.pick(t.nouns))} slaan alarm over {self.pick(t.subjects)}",
            lambda: f"Onderzoek: {self.pick(t.problems)}",
            lambda: f"{_cap(_strip_article(self.pick(t.subjects)))} loopt verder vast",
            lambda: f"{r.randint(2, 60)} procent meer {self.pick(t.nouns)} dan vorig jaar",
        )
        return forms[r.randrange(len(forms))]()

    def clause(self, t: Topic) -> str:
        r = self.rng
        forms = (
            lambda: self.pick(t.problems),
            lambda: f"het aantal {self.pick(t.nouns)} in {self.year - 1} met {r.randint(3, 45)} procent is gestegen",
            lambda: f"{the(_short_org(self.pick(t.orgs)))} onvoldoende zicht heeft op {self.pick(t.subjects)}",
            lambda: f"de uitvoering van {law(self.pick(t.laws))} tekortschiet",
            lambda: f"{prog(self.pick(t.programmes))} vertraging heeft opgelopen",
        )
        return forms[r.randrange(len(forms))]()

    def question(self, t: Topic, k: int, first: bool) -> str:
        r = self.rng
        if first and r.random() < 0.7:
            h = self.headline(t)
            self.title_headline = self.title_headline or h
            hl = self.title_headline if r.random() < 0.6 else h
            return f"Kent u het bericht «{hl}»?{self.fn(self.media_note(hl, self.when(-30, -2)))}"
        forms = (
            lambda: f"Wat is uw reactie op het bericht dat {self.clause(t)}?",
            lambda: (
                f"Hoeveel {self.pick(t.nouns)} waren er in {self.year - 2} en hoeveel in {self.year - 1}? Kunt u dit per regio uitsplitsen?"
            ),
            lambda: f"Deelt u de mening dat {self.clause(t)}? Zo nee, waarom niet?",
            lambda: (
                f"Bent u bereid met {the(_short_org(self.pick(t.orgs)))} in gesprek te gaan over {self.pick(t.subjects)}? "
                "Zo ja, op welke termijn? Zo nee, waarom niet?"
            ),
            lambda: f"Is het waar dat {self.clause(t)}? Zo ja, hoe beoordeelt u dit?",
            lambda: f"Hoe verhoudt {self.pick(t.subjects)} zich tot {law(self.pick(t.laws))}?",
            lambda: f"Welke gevolgen heeft dit voor {self.pick(t.nouns)} die hiermee te maken krijgen?",
            lambda: f"Kunt u aangeven wat de stand van zaken is van {prog(self.pick(t.programmes))}?",
            lambda: (
                f"Klopt het dat {the(self.pick(t.orgs))} heeft geconcludeerd dat {self.clause(t)}?"
                f"{self.fn(self.gov_note(self.pick(t.reports)))}"
            ),
            lambda: f"Hoe verhoudt dit zich tot {self.pick(TREATY_ARTICLES)}?",
            lambda: (
                f"Welke maatregelen gaat u nemen om ervoor te zorgen dat {self.pick(t.nouns)} niet langer de dupe worden? "
                "Op welke termijn verwacht u resultaat?"
            ),
            lambda: (
                f"Herinnert u zich uw antwoorden op eerdere vragen over {self.pick(t.subjects)}?"
                f"{self.fn(self.kamerstuk())} Wat is er sindsdien veranderd?"
            ),
            lambda: f"Wat vindt u van de conclusie in het rapport «{self.pick(t.reports)}» dat {self.clause(t)}?",
        )
        return forms[r.randrange(len(forms))]()

    def answer_sentence(self, t: Topic, k: int) -> str:
        r = self.rng
        forms = (
            lambda: f"{_cap(the(self.pick(t.orgs)))} heeft mij laten weten dat {self.clause(t)}.",
            lambda: f"In {self.year - 1} ging het om {_num(r)} {self.pick(t.nouns)}, in {self.year - 2} om {_num(r)}.",
            lambda: (
                f"Op grond van artikel {r.randint(1, 80)}{self.pick(('', '', 'a', ', eerste lid,', ', tweede lid,'))} van "
                f"{law(self.pick(t.laws))} is {the(_short_org(self.pick(t.orgs)))} verantwoordelijk voor {self.pick(t.subjects)}."
            ),
            lambda: (
                f"Zoals ik in mijn brief van {_date(self.when(-200, -15))} heb aangegeven ({self.kamerstuk()}), werk ik samen met "
                f"{the(_short_org(self.pick(t.orgs)))} aan {self.pick(t.subjects)}."
            ),
            lambda: f"{_cap(prog(self.pick(t.programmes)))} loopt tot en met {self.year + r.randint(1, 4)}.",
            lambda: (
                f"In het rapport «{self.pick(t.reports)}» van {the(_short_org(self.pick(t.orgs)))} wordt geconcludeerd dat {self.clause(t)}."
                f"{self.fn(self.gov_note(self.pick(t.reports)))}"
            ),
            lambda: f"Ik verwijs u naar het antwoord op vraag {max(1, k - r.randint(1, 3))}." if k > 1 else self.pick(FILLERS),
            lambda: f"Ik vind het belangrijk dat {self.pick(t.nouns)} tijdig de juiste ondersteuning krijgen.",
            lambda: f"Daarbij is ook {self.pick(TREATY_ARTICLES)} van belang.",
            lambda: f"Het kabinet heeft hiervoor in {self.year} € {r.randint(2, 900)} miljoen beschikbaar gesteld.",
            lambda: f"Ik zal uw Kamer voor het eind van {self.year} informeren over de voortgang van {self.pick(t.subjects)}.",
            lambda: (
                f"Dit is ook besproken tijdens het commissiedebat van {_date(self.when(-120, -5))}.{self.fn(self.kamerstuk())}"
            ),
            lambda: f"Ongeveer {r.randint(3, 95)}% van de {self.pick(t.nouns)} geeft aan hiermee te maken te hebben.",
            lambda: f"Er is geen sprake van strijd met {law(self.pick(t.laws))}.",
            lambda: self.pick(FILLERS),
            lambda: self.pick(FILLERS),
        )
        return forms[r.randrange(len(forms))]()

    def answer(self, t: Topic, k: int) -> list[str]:
        """Paragraphs of one answer."""
        r = self.rng
        paras: list[str] = []
        opener = self.pick(("Ja.", "Nee.", "Ja, daarmee ben ik bekend.", "", "", "", ""))
        seen: set[str] = set()
        for p in range(r.choice((1, 2, 2, 2, 3, 3, 4, 5))):
            sents: list[str] = []
            for _ in range(r.randint(2, 7)):
                sent = self.answer_sentence(t, k)
                if sent not in seen:
                    seen.add(sent)
                    sents.append(sent)
            if p == 0 and opener:
                sents.insert(0, opener)
            paras.append(" ".join(sents))
        return paras


# organisations printed without an article, and programmes that take "de" (the others take "het")
_BARE_ORGS = {"Logius", "Rijkswaterstaat", "Staatsbosbeheer", "TenneT", "ProRail", "Nidos", "Schiphol Group", "Movisie",
              "Netbeheer Nederland", "GGD GHOR Nederland", "Zorgverzekeraars Nederland", "Zorginstituut Nederland",
              "VluchtelingenWerk Nederland", "Universiteiten van Nederland", "Wageningen University & Research",
              "Defensie Materieel Organisatie", "Kamer van Koophandel"}  # fmt: skip
_DE_PROGRAMMES = (
    "Nationale",
    "Hervormingsagenda",
    "Werkagenda",
    "Landelijke",
    "Aanpak",
    "Fiscale",
    "Uitvoeringsagenda",
    "Dutch",
    "Defensievisie",
)


_HET_ORGS = ("Openbaar", "Instituut", "Staatstoezicht", "Centraal", "Sociaal", "Uitvoeringsinstituut", "Nederlands ", "Rijksinstituut",
             "Koninklijk", "Internationaal", "Europees", "Rode Kruis", "College", "Nationaal")  # fmt: skip


def the(org: str) -> str:
    """An organisation with its article: 'de Nederlandse Zorgautoriteit', 'Rijkswaterstaat'.

    >>> the("Rijkswaterstaat"), the("Raad van State"), the("Openbaar Ministerie")
    ('Rijkswaterstaat', 'de Raad van State', 'het Openbaar Ministerie')
    """
    if _short_org(org) in _BARE_ORGS:
        return org
    return f"het {org}" if org.startswith(_HET_ORGS) else f"de {org}"


def law(name: str) -> str:
    """A law with its article: 'de Jeugdwet', 'het Wetboek van Strafrecht'.

    >>> law("Jeugdwet"), law("Wetboek van Strafrecht"), law("Vreemdelingenbesluit 2000")
    ('de Jeugdwet', 'het Wetboek van Strafrecht', 'het Vreemdelingenbesluit 2000')
    """
    return f"het {name}" if name.startswith("Wetboek") or re.search(r"[Bb]esluit\b", name) else f"de {name}"


def prog(name: str) -> str:
    """A programme with its article: 'het Deltaprogramma', 'de Hervormingsagenda Jeugd'.

    >>> prog("Deltaprogramma"), prog("Hervormingsagenda Jeugd")
    ('het Deltaprogramma', 'de Hervormingsagenda Jeugd')
    """
    return f"de {name}" if name.startswith(_DE_PROGRAMMES) else f"het {name}"


def _num(r: random.Random) -> str:
    n = r.choice((r.randint(2, 99), r.randint(100, 999), r.randint(1000, 99999)))
    return f"{n:,}".replace(",", ".")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _strip_article(s: str) -> str:
    return re.sub(r"^(?:de|het)\s+", "", s)


def _short_org(org: str) -> str:
    """'Nederlandse Zorgautoriteit (NZa)' → 'Nederlandse Zorgautoriteit' (the abbreviation is defined once, in full)."""
    return re.sub(r"\s*\([^)]*\)$", "", org)


def _ascii(s: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


# --- lines and pages -----------------------------------------------------------------------------

_VOWELS = set("aeiouyëïéèöüáó")
_ONSETS = ("sch", "spr", "str", "bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "pl", "pr", "tr", "ch")


def _is_vowel(word: str, i: int) -> bool:
    return word[i] in _VOWELS or (word[i] == "j" and i > 0 and word[i - 1] == "i")


def _split_word(word: str, room: int) -> int | None:
    """Where to hyphenate `word` so that its first part plus '-' fits in `room` characters.

    A rough Dutch syllable cut: before the consonant (or onset cluster such as 'kl', 'tr', 'sch') that
    opens a syllable, never inside 'ch' or 'ij'.

    >>> [w[:_split_word(w, 20)] for w in ("informeren", "geconcludeerd", "tegelijkertijd", "kindermishandeling")]
    ['informe', 'geconclu', 'tegelijker', 'kindermishande']
    """
    best = None
    low = word.lower()
    for i in range(2, len(word) - 2):
        if not (low[i].isalpha() and not _is_vowel(low, i) and _is_vowel(low, i + 1)):
            continue
        cut = i
        for onset in _ONSETS:
            k = len(onset) - 1
            if i - k >= 1 and low[i - k : i + 1] == onset:
                cut = i - k
                break
        if cut >= 3 and len(word) - cut >= 3 and cut + 1 <= room and low[cut - 1 : cut + 1] not in ("ij", "ch"):
            best = cut
    return best


def _wrap(text: str, width: int, rng: random.Random, hyphenate: float) -> list[tuple[str, bool]]:
    """Hard-wrap a paragraph; (line, ends_with_hyphenation). Footnote placeholders count as their digits."""
    out: list[tuple[str, bool]] = []
    line: list[str] = []
    size = 0
    for word in text.split():
        vis = len(word) - 2 * word.count(FN_MARK)
        if size and size + 1 + vis > width:
            room = width - size - 1
            plain = FN_MARK not in word and word.isalpha() and len(word) >= 9
            cut = _split_word(word, room) if plain and room >= 5 and rng.random() < hyphenate else None
            if cut:
                line.append(word[:cut] + "-")
                out.append((" ".join(line), True))
                word = word[cut:]
                vis = len(word)
            else:
                out.append((" ".join(line), False))
            line, size = [], 0
        line.append(word)
        size += vis + (1 if size else 0)
    if line:
        out.append((" ".join(line), False))
    return out


def _join_hyphenated(lines: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Newer pdftotext joins a hyphenated line with the next one and drops the hyphen."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(lines):
        text, hy = lines[i]
        while hy and i + 1 < len(lines):
            i += 1
            text = text[:-1] + lines[i][0]
            hy = lines[i][1]
        out.append((text, False))
        i += 1
    return out


def _wrap_url_text(text: str, width: int) -> list[str]:
    """Wrap a footnote: long URLs are broken after a '/' or '-' (as a PDF line break splits them)."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        while True:
            cand = f"{cur} {word}" if cur else word
            if len(cand) <= width:
                cur = cand
                break
            if "://" in word or word.startswith("(http"):
                room = width - len(cur) - (1 if cur else 0)
                cut = max((i + 1 for i, c in enumerate(word[:room]) if c in "/-"), default=0)
                if cut >= 8:
                    lines.append(f"{cur} {word[:cut]}" if cur else word[:cut])
                    cur, word = "", word[cut:]
                    continue
            if cur:
                lines.append(cur)
                cur = ""
                continue
            cur = word  # an unbreakable word longer than the line
            break
    if cur:
        lines.append(cur)
    return lines


_FN_RE = re.compile(f"{FN_MARK}(\\d+){FN_MARK}")


@dataclass(slots=True)
class _Line:
    text: str
    notes: tuple[int, ...] = ()


def _resolve(text: str) -> _Line:
    notes = tuple(int(n) for n in _FN_RE.findall(text))
    return _Line(_FN_RE.sub(lambda m: m.group(1), text), notes)


class _Layout:
    """pdftotext's rendering of the pages: body lines, footnotes at the page bottom, furniture."""

    def __init__(self, rng: random.Random, width: int, joined: bool) -> None:
        self.rng = rng
        self.width = width
        self.joined = joined
        self.lines: list[_Line] = []

    def para(self, text: str, hyphenate: float = 0.45) -> None:
        phys = _wrap(text, self.width, self.rng, hyphenate)
        if self.joined:
            phys = _join_hyphenated(phys)
        self.lines.extend(_resolve(t) for t, _ in phys)

    def label(self, text: str) -> None:
        self.lines.append(_Line(text))

    def pages(self, footnotes: list[str], first_cap: int, cap: int) -> list[tuple[list[str], list[int]]]:
        fn_lines = {i + 1: len(_wrap_url_text(body, 96)) for i, body in enumerate(footnotes)}
        pages: list[tuple[list[str], list[int]]] = []
        cur: list[str] = []
        notes: list[int] = []
        used, limit = 0, first_cap
        for ln in self.lines:
            need = 1 + sum(fn_lines.get(n, 0) + 1 for n in ln.notes)
            if cur and used + need > limit:
                pages.append((cur, notes))
                cur, notes, used, limit = [], [], 0, cap
            cur.append(ln.text)
            notes.extend(ln.notes)
            used += need
        pages.append((cur, notes))
        return pages


def _footnote_block(numbers: list[int], footnotes: list[str], style: str) -> list[str]:
    out: list[str] = []
    bodies = {n: _wrap_url_text(footnotes[n - 1], 96) for n in numbers}
    if style == "grouped" and len(numbers) >= 2 and all(len(b) == 1 for b in bodies.values()):
        out += [str(n) for n in numbers] + [""] + [bodies[n][0] for n in numbers]
        return out
    for k, n in enumerate(numbers):
        if style == "inline":
            out.append(f"{n} {bodies[n][0]}")
            out += bodies[n][1:]
        else:
            out += [str(n), ""] if k == 0 else [str(n)]
            out += bodies[n]
    return out


# --- one document --------------------------------------------------------------------------------


def _askers_phrase(askers: list[tuple[str, str]], rng: random.Random) -> str:
    if len(askers) == 1:
        n, p = askers[0]
        return f"het lid {n} ({p})"
    names = [n for n, _ in askers]
    parties = {p for _, p in askers}
    listed = ", ".join(names[:-1]) + " en " + names[-1]
    if len(parties) == 1:
        word = "beiden" if len(askers) == 2 else "allen"
        return f"de leden {listed} ({word} {askers[0][1]})"
    each = [f"{n} ({p})" for n, p in askers]
    return "de leden " + ", ".join(each[:-1]) + " en " + each[-1]


def _office(role: str, lineage: str, year: int, voor: str | None) -> tuple[str, str]:
    return (role, voor) if voor else (role, _portfolio(lineage, year) or "")


def _addressees_phrase(offices: list[tuple[str, str, bool]], rng: random.Random) -> str:
    """offices: (role, portfolio, is_voor_post)."""

    def one(role: str, p: str, voor: bool) -> str:
        return f"de {role} {'voor' if voor else 'van'} {p}"

    roles = {r for r, _, _ in offices}
    if len(offices) > 1 and len(roles) == 1 and not any(v for _, _, v in offices) and rng.random() < 0.6:
        plural = "Ministers" if offices[0][0] == "Minister" else "Staatssecretarissen"
        ps = [p for _, p, _ in offices]
        return f"de {plural} van " + ", van ".join(ps[:-1]) + " en van " + ps[-1]
    parts = [one(*o) for o in offices]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _pick_holder(rng: random.Random, lineage: str, year: int, role: str | None) -> Holder:
    lineage = _lineage_in(lineage, year)
    pool = [h for h in HOLDERS if h.lineage == lineage and h.start <= year <= h.end]
    if role:
        same = [h for h in pool if h.role == role and not h.voor]
        pool = same or pool
    if not pool:  # a gap in the table: the holder of the year before or after
        pool = sorted((h for h in HOLDERS if h.lineage == lineage), key=lambda h: min(abs(h.start - year), abs(h.end - year)))[:1]
    return pool[rng.randrange(len(pool))]


def _members(year: int) -> list[tuple[str, str]]:
    return [(n, p) for n, p, a, b in MEMBERS if a <= year <= b]


_SESSION_WEIGHTS = [1.0 + (y - FIRST_SESSION) / 12 for y in range(FIRST_SESSION, LAST_SESSION + 1)]


class _State:
    """Per-run counters, so that Aanhangsel numbers and zaak numbers are unique and increasing."""

    def __init__(self, seed: int) -> None:
        base = random.Random(f"kg-bench-{seed}-numbers")
        self.ah = {y: base.randint(1, 30) for y in range(FIRST_SESSION, LAST_SESSION + 1)}
        self.zaak = {y: base.randint(100, 900) for y in range(KV_FROM, LAST_SESSION + 2)}

    def ah_number(self, y: int, rng: random.Random) -> int:
        self.ah[y] += 1 if rng.random() < 0.92 else 2
        return self.ah[y]

    def zaak_number(self, year: int, rng: random.Random) -> str:
        self.zaak[year] += rng.randint(2, 9)
        return f"{year}Z{self.zaak[year]:05d}"


def _one(i: int, seed: int, state: _State) -> GeneratedDoc:
    rng = random.Random(f"kg-bench-{seed}-{i}")
    r = rng.random()
    kind = "questions" if r < 0.15 else "notice" if r < 0.20 else "answer"
    years = list(range(FIRST_SESSION, LAST_SESSION + 1))
    if kind == "questions":
        pool = [y for y in years if y >= KV_FROM]
        sy = rng.choices(pool, weights=_SESSION_WEIGHTS[-len(pool) :])[0]
    else:
        sy = rng.choices(years, weights=_SESSION_WEIGHTS)[0]
    session_start = dt.date(sy, 9, 21)
    # the date that makes the publication belong to this session: the answer (or, for kv, the submission)
    pub_date = session_start + dt.timedelta(days=rng.randint(0, 350))
    delay = (
        0
        if kind == "questions"
        else rng.choice((rng.randint(10, 21), rng.randint(18, 45), rng.randint(21, 28), rng.randint(30, 160)))
    )
    if kind == "notice":
        delay = rng.randint(19, 30)
    submitted = pub_date - dt.timedelta(days=delay)
    year = submitted.year

    w = _Writer(rng, year, sy)
    w.base = submitted
    topic = TOPICS[rng.randrange(len(TOPICS))]

    # askers
    members = _members(year)
    k = rng.choices((1, 2, 3, 4, 5), weights=(55, 28, 10, 4, 3))[0]
    askers: list[tuple[str, str]] = []
    if k > 1 and rng.random() < 0.35:  # several members of one party
        party = members[rng.randrange(len(members))][1]
        same = [m for m in members if m[1] == party]
        rng.shuffle(same)
        askers = same[:k]
    while len(askers) < k:
        m = members[rng.randrange(len(members))]
        if all(m[0] != a[0] for a in askers):
            askers.append(m)

    # addressees: the topic's ministry first, then others
    n_off = rng.choices((1, 2, 3), weights=(70, 22, 8))[0]
    lineages = [topic.lineage, *rng.sample([t.lineage for t in TOPICS if t.lineage != topic.lineage], n_off - 1)]
    holders: list[Holder] = []
    offices: list[tuple[str, str, bool]] = []
    for j, lin in enumerate(lineages):
        role = "Minister" if rng.random() < 0.72 else "Staatssecretaris"
        h = _pick_holder(rng, lin, year, role)
        if j == 0 and rng.random() < 0.15:
            voor = [x for x in HOLDERS if x.voor and x.lineage == _lineage_in(lin, year) and x.start <= year <= x.end]
            h = voor[rng.randrange(len(voor))] if voor else h
        key = (h.role, h.voor or _portfolio(h.lineage, year) or "", bool(h.voor))
        if key in offices:
            continue
        holders.append(h)
        offices.append(key)

    # title and heading
    if rng.random() < 0.55:
        w.title_headline = w.headline(topic)
        title = f"het bericht «{w.title_headline}»"
    else:
        title = rng.choice(topic.subjects)
    heading = (f"Vragen van {_askers_phrase(askers, rng)} aan {_addressees_phrase(offices, rng)} over {title} "
               f"(ingezonden {_date(submitted)}).")  # fmt: skip

    # answer line
    answer_line = None
    lead = holders[0]
    lead_portfolio = lead.voor or _portfolio(lead.lineage, year)
    if kind != "questions":
        word = "Mededeling" if kind == "notice" else "Antwoord"
        answer_line = f"{word} van {lead.role} {lead.name} ({lead_portfolio})"
        others = holders[1:]
        if others and kind == "answer" and rng.random() < 0.75:
            names = [f"de {h.role} {'voor' if h.voor else 'van'} {h.voor or _portfolio(h.lineage, year)}" for h in others]
            sep = ", mede namens " if rng.random() < 0.6 else " mede namens "
            answer_line += sep + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1])
        answer_line += f" (ontvangen {_date(pub_date)})."
        if kind == "answer" and rng.random() < 0.15 and state.ah[sy] > 5:
            earlier = rng.randint(max(1, state.ah[sy] - 300), state.ah[sy] - 1)
            answer_line += f" Zie ook Aanhangsel Handelingen, vergaderjaar {_session(sy)}, nr. {earlier}"

    # numbers and ids
    if kind == "questions":
        zaak = state.zaak_number(submitted.year, rng)
        pub_id = f"kv-tk-{zaak}"
        number_line = zaak
    else:
        number = state.ah_number(sy, rng)
        pub_id = f"ah-tk-{sy}{sy + 1}-{number}"
        number_line = str(number)

    # body
    width = rng.randint(73, 79)
    lay = _Layout(rng, width, joined=rng.random() < 0.6)
    lay.para(heading, hyphenate=0.0)
    if answer_line:
        lay.para(answer_line, hyphenate=0.0)
    nq = rng.choices(range(3, 16), weights=(10, 14, 15, 14, 12, 9, 7, 5, 4, 3, 3, 2, 2))[0]
    groups: list[list[int]] = []
    q = 1
    while q <= nq:
        size = 1 if rng.random() < 0.82 else rng.choice((2, 2, 3))
        groups.append(list(range(q, min(nq, q + size - 1) + 1)))
        q = groups[-1][-1] + 1
    n_answers = 0
    labels: list[int] = []
    for g in groups:
        nums = ", ".join(map(str, g[:-1])) + " en " + str(g[-1]) if len(g) > 1 else str(g[0])
        together = len(g) > 1 and rng.random() < 0.5
        labels += [g[0]] if together else g
        if together:
            lay.label(f"Vraag {nums}")
            lay.para(" ".join(w.question(topic, k, k == 1) for k in g))
        else:
            for k in g:
                lay.label(f"Vraag {k}")
                lay.para(w.question(topic, k, k == 1))
        if kind == "answer":
            lay.label(f"Antwoord {nums}")
            for p in w.answer(topic, g[0]):
                lay.para(p)
            n_answers += 1
    if kind == "questions" and rng.random() < 0.12:
        lay.label("Toelichting:")
        m = members[rng.randrange(len(members))]
        lay.para(f"Deze vragen dienen ter aanvulling op eerdere vragen terzake van het lid {m[0]} ({m[1]}), ingezonden "
                 f"{_date(submitted - dt.timedelta(days=rng.randint(3, 20)))} (vraagnummer {submitted.year}Z{rng.randint(10000, 25000)}).")  # fmt: skip
    if kind == "notice":
        lay.label("Mededeling")
        lay.para(f"De vragen van {_askers_phrase(askers, rng)} over {title} (ingezonden {_date(submitted)}) kunnen niet binnen "
                 f"de gebruikelijke termijn van drie weken worden beantwoord, omdat {rng.choice(REASONS)}. Ik streef ernaar de "
                 "vragen zo spoedig mogelijk te beantwoorden.")  # fmt: skip

    text = _render(lay, w.footnotes, kind, sy, pub_id, number_line, pub_date, rng)
    return GeneratedDoc(
        f"{pub_id}.pdftotext.txt", text, kind, pub_id, askers, [(o[0], o[1]) for o in offices],
        lead.name if kind != "questions" else None, nq, labels, n_answers, len(w.footnotes),
    )  # fmt: skip


def _render(
    lay: _Layout, footnotes: list[str], kind: str, sy: int, pub_id: str, number_line: str, pub_date: dt.date, rng: random.Random
) -> str:
    session = _session(sy)
    if kind == "questions":
        header = [
            "Tweede Kamer der Staten-Generaal",
            "",
            f"Vergaderjaar {session}",
            "",
            "Vragen gesteld door de leden der Kamer",
            "",
            number_line,
        ]
        footer_word = "Vragen"
        box = [pub_id, f"’s-Gravenhage {pub_date.year}"]
    else:
        header = ["Tweede Kamer der Staten-Generaal", "", f"Vergaderjaar {session}", "", "2", "", "Aanhangsel van de Handelingen", "",
                  "Vragen gesteld door de leden der Kamer, met de daarop door de", "regering gegeven antwoorden", "", number_line]  # fmt: skip
        footer_word = "Aanhangsel"
        box = [pub_id, "ISSN 0921 - 7398", f"’s-Gravenhage {pub_date.year}"]
    style = rng.choices(("inline", "apart", "grouped"), weights=(55, 35, 10))[0]
    pages = lay.pages(footnotes, first_cap=rng.randint(24, 32), cap=rng.randint(44, 52))
    out: list[str] = []
    for pno, (body, notes) in enumerate(pages, 1):
        page = list(header) if pno == 1 else []
        page += body
        fn = _footnote_block(notes, footnotes, style) if notes else []
        if pno == 1:
            if len(notes) == 1 and style == "apart" and rng.random() < 0.5:
                # the number above the first-page box, the body below it (as pdftotext prints a one-note first page)
                page += ["", fn[0], "", *box, "", *fn[2:]]
            else:
                page += (["", *fn] if fn else []) + ["", *box]
        elif fn:
            page += ["", *fn]
        page += ["", f"Tweede Kamer, vergaderjaar {session}, {footer_word}", "", str(pno), ""]
        out.append("\n".join(page) + "\n")
    return "\f".join(out) + "\f"


# --- public API ----------------------------------------------------------------------------------


def generate_docs(n: int, seed: int = 0) -> Iterator[GeneratedDoc]:
    """N generated publications with what each was generated to say."""
    state = _State(seed)
    for i in range(n):
        yield _one(i, seed, state)


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """N generated publications as (file name, pdftotext text); deterministic for (n, seed).

    >>> [name for name, _ in generate(2, seed=7)] == [name for name, _ in generate(3, seed=7)][:2]
    True
    """
    for d in generate_docs(n, seed):
        yield d.name, d.text


def write(out: Path, n: int, seed: int = 0) -> int:
    """Write N files into `out`; returns the number of bytes written."""
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, text in generate(n, seed):
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        total += len(data)
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--out", required=True, type=Path, help="folder to write the documents into")
    ap.add_argument("--count", type=int, default=1000, help="number of documents (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = ap.parse_args(argv)
    total = write(args.out, args.count, args.seed)
    print(f"wrote {args.count} documents ({total / 1e6:.1f} MB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
