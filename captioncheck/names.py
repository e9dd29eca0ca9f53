"""Proper names in a text, and whether a name of one language is present in a text of another.

A name is a run of capitalised words (``Jens Stoltenberg``, ``Charles de Gaulle``) or an acronym
(``OTAN``), except a lone word that merely starts a sentence, days and months, and honorifics.
Matching tolerates the forms a translation gives a name: case and accents (``Óscar``/``Oscar``),
transliterations (``Zelensky``/``Zelenski``), and exonyms and acronyms that differ by language
(``OTAN``/``NATO``, ``Kiev``/``Kyiv``, ``Moscou``/``Moscú``/``Moscow``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

import regex

from . import text as textutil

# Each line is one name in several languages; folded forms (see fold()) are compared.
EXONYMS = """
otan|nato|navo
onu|un|uno|vn|nazioni unite|nations unies|naciones unidas|united nations|vereinte nationen
ue|eu|union europeenne|union europea|european union|europaische union|unione europea
eeuu|ee uu|usa|us|eua|etats unis|estados unidos|united states|vereinigte staaten|stati uniti
royaume uni|reino unido|united kingdom|uk|vereinigtes konigreich|regno unito
fmi|imf|iwf
oms|who
bce|ecb|ezb
ocde|oecd
kiev|kyiv|kiew|kijiv|kyjiw
moscou|moscu|moscow|moskau|mosca
londres|london|londra
bruxelles|bruselas|brussels|brussel|bruxelas
pekin|beijing|peking|pechino|pequim
varsovie|varsovia|warsaw|warschau|varsavia
geneve|ginebra|geneva|genf|ginevra|genebra
vienne|viena|vienna|wien
athenes|atenas|athens|athen|atene
lisbonne|lisboa|lisbon|lissabon|lisbona
copenhague|copenhagen|kopenhagen|copenaghen
la haye|la haya|the hague|den haag|l aia
le caire|el cairo|cairo|kairo|il cairo
munich|munchen|monaco di baviera
cologne|colonia|koln
venise|venecia|venice|venedig|venezia
florence|florencia|firenze|florenz
milan|milano|mailand|milao
rome|roma|rom
naples|napoles|neapel|napoli
seville|sevilla
saragosse|zaragoza
new york|nueva york
mexique|mexico|messico|mexiko
ukraine|ucrania|ucraina|ukraina
russie|rusia|russia|russland
allemagne|alemania|germany|deutschland|germania|alemanha
espagne|espana|spain|spanien|spagna|espanha
angleterre|inglaterra|england|inghilterra
chine|china|cina
japon|japan|giappone|japao
roumanie|rumania|romania|rumanien
pologne|polonia|poland|polen
norvege|noruega|norway|norwegen|norvegia
suede|suecia|sweden|schweden|svezia
finlande|finlandia|finland|finnland
grece|grecia|greece|griechenland
turquie|turquia|turkey|turkei|turchia
crimee|crimea|krim|crimeia
mer noire|mar negro|black sea|schwarzes meer|mar nero
maison blanche|casa blanca|white house|weisses haus|casa bianca
""".strip().splitlines()

NOT_NAMES = frozenset("""
monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonntag
january february march april may june july august september october november december
januar februar marz juni juli oktober dezember
mr mrs ms dr sr sra srta mme mlle m herr frau sig
gobierno ejecutivo estado ministerio ejercito gouvernement etat armee government state army governo esercito
premier prime minister ministre ministro president presidente chancellor chancelier canciller cancelliere
king roi rey re queen reine reina regina pope pape papa prince principe secretary secretaire secretario
senator senateur senador governor gouverneur gobernador mayor maire alcalde sindaco
premiere primera prima ministra presidenta secretaria secretaire generale
travail trabajo labour lavoro arbeit interieur interior interno innern defense defensa defence difesa
sante sanidad salud health salute gesundheit justice justicia giustizia justiz economie economia economy
wirtschaft hacienda finances finanzas finance finanze finanzen education educacion istruzione bildung
culture cultura kultur exteriores etrangeres affaires asuntos foreign affairs esteri agriculture
agricultura agricoltura transports transportes transport trasporti verkehr
council conseil consejo consiglio rat energy energie energia commissioner commissaire comisario commissario
german french spanish italian british english american russian ukrainian chinese european portuguese dutch
polish greek turkish israeli palestinian iranian japanese indian canadian mexican brazilian argentine
""".split())
# Words that start a sentence capitalised without being part of the name that follows.
SENTENCE_OPENERS = frozenset("""
le la les l un une des du au aux en dans pour par sur selon a el los las lo una unos unas con por para
segun the a an in on at for by from with according il lo gli i uno nel nella per der die das ein eine im
o os as um uma no na do da em
""".split())


def fold(value: str) -> str:
    """Lower case, no accents, letters and digits separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(regex.findall(r"[\p{L}\d]+", plain))


def _exonym_groups() -> dict[str, int]:
    return {form: number for number, line in enumerate(EXONYMS) for form in line.split("|")}


_GROUPS = _exonym_groups()
_ACRONYM = regex.compile(r"(?<![\p{L}\d])\p{Lu}{2,}(?:\.\p{Lu}+)*\.?(?![\p{L}\d])")


@dataclass(frozen=True)
class Name:
    """A name as written at ``start``:``end``."""

    start: int
    end: int
    text: str


def names(text: str, language: str = "und") -> list[Name]:
    """The proper names of ``text``, in order."""
    found: list[Name] = []
    for run in textutil.capitalised_runs(text):
        if run.sentence_start and run.words == 1:
            continue
        if language == "de" and run.words == 1:
            continue  # every German noun is capitalised
        start, value = run.start, text[run.start:run.end]
        # leading titles and words that only open the sentence are not part of the name
        while " " in value:
            first, rest = value.split(" ", 1)
            folded = fold(first)
            if folded in NOT_NAMES or (start == run.start and run.sentence_start and folded in SENTENCE_OPENERS):
                value = rest.lstrip()
                start = run.end - len(value)
            else:
                break
        if all(w in NOT_NAMES for w in fold(value).split()):
            continue
        found.append(Name(start, run.end, value))
    for match in _ACRONYM.finditer(text):
        if not any(n.start <= match.start() < n.end for n in found):
            found.append(Name(match.start(), match.end(), match.group()))
    return sorted(found, key=lambda n: n.start)


def _skeleton(word: str) -> str:
    """Consonants with doubles collapsed: ``assemblee`` and ``asamblea`` are both ``smbl``."""
    consonants = [ch for ch in word if ch not in "aeiouy"]
    return "".join(ch for i, ch in enumerate(consonants) if i == 0 or consonants[i - 1] != ch)


def _similar(a: str, b: str) -> bool:
    """The same word up to spelling, accents or a cognate ending (``Zelensky``/``Zelenski``)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    skeleton = _skeleton(a)
    return SequenceMatcher(None, a, b).ratio() >= 0.75 or (len(skeleton) >= 4 and skeleton == _skeleton(b))


def _form_in(form: str, folded_text: str, original: str) -> bool:
    """A short form (``UN``, ``US``) counts only as a capitalised word; a longer one anywhere."""
    if len(form) <= 3:
        return regex.search(rf"(?<![\p{{L}}\d]){regex.escape(form.upper())}(?![\p{{L}}\d])", original) is not None
    return f" {form} " in f" {folded_text} "


def _group_present(phrase: str, folded_other: str, other_text: str) -> bool | None:
    """True/False when ``phrase`` is a known multilingual name; None when it is not one."""
    group = _GROUPS.get(phrase)
    if group is None:
        return None
    return any(_form_in(form, folded_other, other_text) for form, g in _GROUPS.items() if g == group)


def absent_words(name: Name, source_text: str, other_text: str) -> list[str]:
    """The words of ``name`` that no word of ``other_text`` renders; empty when the name is there."""
    folded_other = fold(other_text)
    other_words = folded_other.split()
    # the name with up to two following words, for forms such as "Nations unies" or "Estados Unidos"
    following = fold(source_text[name.start:]).split()
    size = len(fold(name.text).split())
    for extra in (0, 1, 2):
        known = _group_present(" ".join(following[:size + extra]), folded_other, other_text)
        if known is not None:
            return [] if known else [name.text]
    absent = []
    for word, written in zip(fold(name.text).split(), name.text.split()):
        if word in NOT_NAMES or (len(word) < 3 and not written.isupper()):
            continue
        if any(_similar(word, candidate) for candidate in other_words):
            continue
        if _group_present(word, folded_other, other_text):
            continue
        absent.append(written)
    return absent


def same_name(left: str, right: str) -> bool:
    """Whether two names share a significant word (a surname), allowing for spelling."""
    right_words = [w for w in fold(right).split() if w not in NOT_NAMES]
    return any(_similar(word, other) for word in fold(left).split() if word not in NOT_NAMES and len(word) >= 3
               for other in right_words)


def missing(left: str, right: str, left_language: str = "und", right_language: str = "und") -> tuple[
        list[str], list[str]]:
    """The names (or parts of names) of ``left`` absent from ``right``, and the reverse."""
    def side(text: str, language: str, other: str) -> list[str]:
        out = []
        for name in names(text, language):
            absent = absent_words(name, text, other)
            if absent:
                out.append(" ".join(absent))
        return out

    return side(left, left_language, right), side(right, right_language, left)
