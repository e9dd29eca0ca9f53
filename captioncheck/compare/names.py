"""Proper names in a text, and whether a name of one language is present in a text of another.

A name is a run of capitalised words (``Jens Stoltenberg``, ``Charles de Gaulle``) or an acronym
(``OTAN``). Never names: a single letter (``I``), titles, days and months, and **words of the text's
own language**: a capitalised word that its language writes far more often than the other languages
do (``Vivienda``, ``Schwester``, ``Many``, ``Sie``) is a common noun, a pronoun or a sentence opener,
while names are written alike in every language's news (``Madrid``, ``Tom``). The test uses the word
frequencies of :mod:`captioncheck.langid.words`; German, which capitalises every noun, needs less
evidence. A lone word that starts a sentence is a name only when it is not a frequent word, nor a word
that some but not most languages write (``Let's``, ``Hier``). The last word of a run of capitalised
words stays in the name even then: it may be a common noun (``Tokyo Station``, ``Niagara Falls``) or a
surname that few languages write (``Pedro Sánchez``, ``Carlos Alcaraz``), and only matching tells them
apart: a frequent ordinary word the other side leaves out is a common noun rendered as one ("chutes du
Niagara"), reported only against another name in its place ("Pedro Almodóvar").

Matching tolerates the forms a translation gives a name: case, accents and script (anyascii),
spelling and transliteration by edit distance on a phonetic key (rapidfuzz): ``Zelensky``/
``Zelenski``/``Selenskyj``, ``Kiev``/``Kyiv``/``Kiew``, ``Mary``/``Marie``/``María``; and exonyms and
acronyms that no spelling rule relates, from a table (``OTAN``/``NATO``, ``Pékin``/``Beijing``,
``Moscou``/``Moscow``). An acronym that one language writes and the other never does (``MMR``
against ``SPR``, ``AIDS`` against ``SIDA``) is that language's acronym for the other's: a pair of such
acronyms is one name, while an acronym both languages write (``FBI``, ``CIA``) is matched as written.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from .. import patterns
from anyascii import anyascii
from rapidfuzz import fuzz, process

from .. import text as textutil
from ..vocabulary.folding import fold
from .numbers import quantities
from ..vocabulary.openers import SENTENCE_OPENERS
from ..vocabulary.territory_names import TERRITORIES
from ..langid.mask import NOUN_CAPITALISING
from ..langid.words import PANEL, bound_to, frequency

# Each line is one name in several languages; folded forms (see fold()) are compared. Countries and
# territories come from CLDR (captioncheck.vocabulary.territory_names): this table holds what CLDR does
# not, cities, organisations, seas and places, and the short and older forms of countries ("EEUU",
# "UK", "Costa de Marfil"), each line joined to CLDR's line by a form they share.
EXONYMS = """
otan|nato|navo
onu|un|uno|vn|nazioni unite|nations unies|naciones unidas|united nations|vereinte nationen
ue|eu|union europeenne|union europea|european union|europaische union|unione europea
eeuu|ee uu|usa|us|eua|etats unis
uk|royaume uni
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
ukraina|ukraine
angleterre|inglaterra|england|inghilterra
turkey|turquie
crimee|crimea|krim|crimeia
mer noire|mar negro|black sea|schwarzes meer|mar nero
maison blanche|casa blanca|white house|weisses haus|casa bianca
republique tcheque|republica checa|czech republic|repubblica ceca|tchequie
bande de gaza|franja de gaza|gaza strip|gazastreifen|striscia di gaza|faixa de gaza|gaza
cisjordanie|cisjordania|west bank|westjordanland|cisgiordania
costa de marfil|ivory coast|elfenbeinkuste|cote d ivoire
""".strip().splitlines()

# A country or union is often rendered by its adjective ("US President" / "président américain"): the
# word forms, by the first form of its line above, that count as the name being there.
DEMONYMS = {
    "eeuu": r"americ\w*|estadounidense\w*|etasunien\w*|norteamerican\w*|amerikanisch\w*",
    "royaume uni": r"britanni\w*|britanic\w*|british|britisch\w*",
    "ue": r"europ(?:een|eenne|eens|eennes|eo|ea|eos|eas|ean|eans|aisch\w*|ei|ee)",
    "russie": r"russ(?:e|es|o|a|i|ian|ians|isch\w*)|rus(?:o|a|os|as)",
    "ukraine": r"ukrain(?:ien\w*|ian\w*|isch\w*)|ucrain(?:o|a|os|as|iano|iana|ianos|ianas|i|e)",
    "allemagne": r"allemand\w*|aleman|alemana|alemanes|alemanas|german|germans|deutsch\w*|tedesc\w*|alemao|alema\w*",
    "espagne": r"espagnol\w*|espanol\w*|spanish|spanisch\w*|spagnol\w*",
    "chine": r"chinois\w*|chino|china|chinos|chinas|chinese|chinesisch\w*|cines\w*",
}

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


def _exonym_groups() -> dict[str, int]:
    """Each form's group: the hand table's lines and CLDR's names of territories (a line of each that
    share a form are one group: "eeuu|usa|us" and "etats unis|estados unidos|united states"). A form
    CLDR gives two territories is left out of both."""
    seen: dict[str, int] = {}
    for line in TERRITORIES:
        for form in line.split("|"):
            seen[form] = seen.get(form, 0) + 1
    lines = [line.split("|") for line in EXONYMS]
    lines += [[form for form in line.split("|") if seen[form] == 1] for line in TERRITORIES]
    parent = list(range(len(lines)))  # union-find over lines: lines that share a form are one group

    def root(line: int) -> int:
        while parent[line] != line:
            parent[line] = parent[parent[line]]
            line = parent[line]
        return line

    first: dict[str, int] = {}
    for number, forms in enumerate(lines):
        for form in forms:
            if form in first:
                parent[root(number)] = root(first[form])
            else:
                first[form] = number
    return {form: root(number) for form, number in first.items()}


_GROUPS = _exonym_groups()
_FORMS_OF: dict[int, list[str]] = {}  # each group's forms
for _form, _group in _GROUPS.items():
    _FORMS_OF.setdefault(_group, []).append(_form)
del _form, _group
MAX_GROUP_WORDS = max(len(form.split()) for form in _GROUPS)  # the longest known multilingual name, in words
_DEMONYM_PATTERNS = {_GROUPS[first]: patterns.compile(rf"(?<![\p{{L}}\d])(?:{forms})(?![\p{{L}}\d])")
                     for first, forms in DEMONYMS.items()}
_ACRONYM = patterns.compile(r"(?<![\p{L}\d])\p{Lu}{2,}(?:\.\p{Lu}+)*\.?(?![\p{L}\d])")


@dataclass(frozen=True)
class Name:
    """A name as written at ``start``:``end``.

    ``weak`` for a lone word that may also be an ordinary word (it starts the sentence, it is a word
    some language writes, or every noun is capitalised): such a name counts only when the other side
    has a different name in its place.
    """

    start: int
    end: int
    text: str
    weak: bool = False
    initial: bool = False  # the first word of a sentence, and no word written as names are (an opener)
    opens: bool = False  # the first word of a sentence


# How many times more often a word's language writes it than any other, for it to be no name.
BOUND_RATIO = 20.0
BOUND_RATIO_NOUN_CAPITALISING = 3.0
# A sentence's first word this frequent in its language is an ordinary word, not a name.
OPENER_FREQUENCY = 3e-4
_PARTICLE_WORDS = frozenset({"de", "del", "della", "di", "da", "van", "von", "der", "den", "la", "las", "los",
                             "le", "du", "des", "dos", "das", "do", "bin", "ibn", "y", "e"})


# A word of a name the other side renders only in part ("the Élysée Palace" / "l'Élysée") is a common
# noun of the name's language when that language writes it this many times more often than any other
# ("palace" 5 times, "bridge" 16; a surname such as "Trump" less than twice) and writes it as often as
# a common noun (see RENDERED_WORD_FREQUENCY: a surname one language alone writes, such as "Alcaraz",
# is rare in its word list).
DESCRIPTOR_RATIO = 4.0


def _descriptor(word: str, language: str, bound: bool = True) -> bool:
    """Whether ``word`` of a name is a common noun of ``language`` ("Palace", "Bridge", "Falls"): an
    ordinary word of its language (``bound``: written DESCRIPTOR_RATIO times more often there than
    elsewhere; else written by a few languages, see :func:`_is_ordinary`) and a frequent one."""
    if frequency(word, language) < RENDERED_WORD_FREQUENCY:
        return False
    return bound_to(fold(word), language, DESCRIPTOR_RATIO) if bound else _is_ordinary(word)


def _is_word_of(word: str, language: str) -> bool:
    if language in ("und", ""):
        return False
    ratio = BOUND_RATIO_NOUN_CAPITALISING if language in NOUN_CAPITALISING else BOUND_RATIO
    return bound_to(word, language, ratio)


# A name is written in nearly every language's news (Tom, Madrid, Pedro) or in none of the word lists
# (Zelensky, Kiotari); a word that two or three languages write is an ordinary word of theirs
# (Station, Falls, Hier, Let's) or a surname of theirs (Sánchez).
SPREAD_OF_NAMES = 4


def _is_ordinary(word: str) -> bool:
    """Written by some languages, at least a twentieth as often as by the one that writes it most."""
    found = [frequency(word, language) for language in PANEL]
    top = max(found)
    return top > 0 and sum(1 for f in found if f >= top / 20) < SPREAD_OF_NAMES


# A word that opens a sentence is written as a name when most languages' news write it at least this
# fraction as often as the language that writes it most: first names and places travel ("Tom", "Hans",
# "Pedro" 1/21 of Spanish's rate in English), while a capitalised verb or noun opening a sentence
# ("Saluez", "Hier") stays in its own language's lists.
NAME_SPREAD_SHARE = 1 / 50


# A sentence's first word that only its language writes, but rarely, may be a surname ("Lander",
# "Freire") as well as a rare word ("Afronta"): it is kept as a weak name that opens its sentence,
# which counts only against a name of the other side that does not open its own (see missing()).
RARE_OPENER = 1e-5


def _written_as_a_name(word: str) -> bool:
    """Whether ``word`` is written across the panel's languages as names are (see NAME_SPREAD_SHARE)."""
    found = [frequency(word, language) for language in PANEL]
    top = max(found)
    return top > 0 and sum(1 for f in found if f >= top * NAME_SPREAD_SHARE) >= SPREAD_OF_NAMES


def _name_words(value: str, start: int, language: str, sentence_start: bool) -> tuple[int, str] | None:
    """The run ``value`` (at ``start``) without its leading non-name words; None when no name is left."""
    words = value.split(" ")
    offsets, cursor = [], start
    for word in words:
        offsets.append(cursor)
        cursor += len(word) + 1
    keep = []
    for i, word in enumerate(words):
        folded = fold(word)
        if not folded:
            continue
        if folded in _PARTICLE_WORDS and keep:
            keep.append(i)
            continue
        if folded in NOT_NAMES or folded in _PARTICLE_WORDS or len(folded) == 1 and not word.endswith("."):
            continue
        if i == 0 and sentence_start and (folded in SENTENCE_OPENERS
                                          or frequency(word, language) >= OPENER_FREQUENCY):
            continue
        if keep and keep[-1] == i - 1 and i == len(words) - 1:
            keep.append(i)  # a name's last word, even one its language writes: "Emmanuel Macron", "Tokyo Station"
            continue
        rare_opener = i == 0 and sentence_start and frequency(word, language) < RARE_OPENER
        if not rare_opener and (_is_word_of(word, language) or (i == 0 and sentence_start) and _is_ordinary(word)
                                and not _written_as_a_name(word)):
            continue
        keep.append(i)
    while keep and fold(words[keep[-1]]) in _PARTICLE_WORDS:
        keep.pop()
    if not keep:
        return None
    first, last = keep[0], keep[-1]
    return offsets[first], " ".join(words[first:last + 1])


@functools.lru_cache(maxsize=4096)  # the equivalence score and the rules read the same captions
def names(text: str, language: str = "und") -> tuple[Name, ...]:
    """The proper names of ``text``, in order; numbers written out ("Twenty-five") are not names."""
    found: list[Name] = []
    written = [(q.start, q.end) for q in quantities(text, language)]
    for run in textutil.capitalised_runs(text):
        if any(s <= run.start < e for s, e in written):
            continue
        value = text[run.start:run.end]
        if run.words == 1 and run.sentence_start and language in ("und", ""):
            continue
        kept = _name_words(value, run.start, language, run.sentence_start)
        if kept is None:
            continue
        start, name = kept
        weak = " " not in name and (run.sentence_start and start == run.start or language in NOUN_CAPITALISING
                                    or any(frequency(name, other) > 0 for other in PANEL))
        opens = run.sentence_start and start == run.start
        found.append(Name(start, start + len(name), name, weak, initial=opens and " " not in name and not _written_as_a_name(name),
                          opens=opens))
    for match in _ACRONYM.finditer(text):
        if any(s <= match.start() < e for s, e in written):
            continue  # a Roman numeral read as a number: "el siglo VI"
        if not any(n.start <= match.start() < n.end for n in found) and not _is_word_of(match.group(), language):
            found.append(Name(match.start(), match.end(), match.group()))
    return tuple(sorted(found, key=lambda n: n.start))


_KEY_RULES = (("ph", "f"), ("th", "t"), ("w", "v"), ("z", "s"), ("y", "i"), ("j", "i"), ("k", "c"), ("q", "c"), ("ou", "u"))


# How each language writes the sounds of the names it transliterates (from Russian, Ukrainian, Arabic...):
# one capital letter per sound, so that the French "Bakhmout", the Spanish "Bajmut", the German "Bachmut"
# and the English "Bakhmut" share a key, and "Chostakovitch" (fr) and "Shostakovich" (en) another.
# S stands for the hushing sounds (sh, zh, shch: "Zaporijia", "Saporischschja"), C for ch, H for kh.
# Longest spelling first.
SOUNDS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("chtch", "S"), ("tch", "C"), ("ch", "S"), ("kh", "H"), ("dj", "J"), ("j", "S"), ("ou", "u")),
    "es": (("shch", "S"), ("sh", "S"), ("zh", "S"), ("ch", "C"), ("kh", "H"), ("j", "H")),
    "en": (("shch", "S"), ("sh", "S"), ("zh", "S"), ("ch", "C"), ("kh", "H")),
    "de": (("schtsch", "S"), ("tsch", "C"), ("sch", "S"), ("ch", "H"), ("j", "i")),
}


def _letters(word: str) -> str:
    return "".join(ch for ch in anyascii(word).casefold() if ch.isalnum())


def _reduced(key: str) -> str:
    for old, new in _KEY_RULES:
        key = key.replace(old, new)
    collapsed = "".join(ch for i, ch in enumerate(key) if i == 0 or key[i - 1] != ch)
    while len(collapsed) > 2 and collapsed[-1] in "aeiou":
        collapsed = collapsed[:-1]  # Maria, Marie, Mary; Asamblea, Assemblée
    return collapsed


@functools.lru_cache(maxsize=4096)
def name_key(word: str) -> str:
    """A spelling-independent key of a name word: ``Zelensky``, ``Zelenski`` and ``Selenskyj`` share it."""
    key = _letters(word)
    if len(key) > 3 and key[0] == "h":
        key = key[1:]  # Hadrien, Adriano
    return _reduced(key)


@functools.lru_cache(maxsize=4096)
def sound_key(word: str, language: str) -> str | None:
    """The key of a name word as ``language`` transliterates it (see :data:`SOUNDS`); None when its
    ways are not known."""
    rules = SOUNDS.get(language)
    if rules is None:
        return None
    key = _letters(word)
    for old, new in rules:
        key = key.replace(old, new)
    return _reduced(key)


def _close(key_a: str, key_b: str) -> bool:
    if key_a == key_b:
        return True
    if min(len(key_a), len(key_b)) < 4:
        return False
    if key_a[0] != key_b[0] and not (key_a[0] in "aeiou" and key_b[0] in "aeiou"):
        return False  # Istanbul, Estanbul
    return fuzz.ratio(key_a, key_b) >= 80


def _similar(a: str, b: str, language: str = "und", other_language: str = "und") -> bool:
    """The same name word up to case, accents, spelling or transliteration (``a`` written in
    ``language``, ``b`` in ``other_language``)."""
    if a == b or _close(name_key(a), name_key(b)):
        return True
    sound_a, sound_b = sound_key(a, language), sound_key(b, other_language)
    return sound_a is not None and sound_b is not None and _close(sound_a, sound_b)


def _initial(key: str) -> str:
    return "V" if key[0] in "aeiou" else key[0]


def may_be_forms_of_one_name(left: str, right: str) -> bool:
    """Whether two one-word names may be one name in two languages: they open with the same sound
    (``John``/``Juan``, ``Pedro``/``Pierre``, ``Phantom``/``Fantasma``), or one is an acronym
    (``VIH``/``SIDA``). ``Tom`` and ``Jim`` are not, whatever an encoder says of them."""
    if left.isupper() or right.isupper():
        return True
    left_key, right_key = name_key(left), name_key(right)
    return bool(left_key and right_key) and _initial(left_key) == _initial(right_key)


class _Keys:
    """The keys of a text's words, indexed so that finding a word :func:`_close` to another is not a
    comparison with every word of the text: a text with thousands of names stays linear."""

    def __init__(self, keys: set[str]) -> None:
        self.exact = keys
        self.by_start: dict[tuple[str, int], list[str]] = {}
        for key in sorted(keys):
            if len(key) >= 4:
                self.by_start.setdefault((_initial(key), len(key)), []).append(key)

    def has_close(self, key: str) -> bool:
        """Whether some key is :func:`_close` to ``key``."""
        if key in self.exact:
            return True
        if len(key) < 4:
            return False
        # a ratio of 80 needs the shorter key at least 2/3 of the longer one's length
        for length in range(max(4, -(-2 * len(key) // 3)), 3 * len(key) // 2 + 1):
            candidates = self.by_start.get((_initial(key), length))
            if candidates and process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=80) is not None:
                return True
        return False


@dataclass(frozen=True)
class _WordsOf:
    """A text's words (folded), with their spelling and transliteration keys (see :func:`_similar`)."""

    words: frozenset[str]
    spellings: _Keys
    sounds: _Keys | None
    ordered: tuple[str, ...] = ()  # the words sorted, for prefix searches

    def has_compound_of(self, word: str) -> bool:
        """Whether one of the words is a compound that starts with ``word`` ("eiffel" in "eiffelturm",
        "kreml" in "kremlpalast"), or ``word`` is a compound that starts with one of them."""
        if len(word) < MIN_COMPOUND_PART:
            return False
        at = bisect.bisect_left(self.ordered, word)
        if at < len(self.ordered) and self.ordered[at].startswith(word):
            return True
        return any(word[:end] in self.words for end in range(MIN_COMPOUND_PART, len(word)))

    def has_same(self, word: str) -> bool:
        """Whether one of the words has the spelling key of ``word`` (no fuzzy match)."""
        return word in self.words or name_key(word) in self.spellings.exact

    def has_similar(self, word: str, language: str) -> bool:
        """Whether one of the words is :func:`_similar` to ``word`` (written in ``language``)."""
        if word in self.words or self.spellings.has_close(name_key(word)):
            return True
        sound = sound_key(word, language)
        return sound is not None and self.sounds is not None and self.sounds.has_close(sound)


@functools.lru_cache(maxsize=256)
def _words_of(folded_text: str, language: str) -> _WordsOf:
    words = frozenset(folded_text.split())
    sounds = {sound_key(w, language) for w in words} if language in SOUNDS else None
    return _WordsOf(words, _Keys({name_key(w) for w in words}), _Keys(sounds) if sounds is not None else None,
                    tuple(sorted(words)))


# Languages that join a name and a noun into one word ("der Eiffelturm", "de Eiffeltoren"), and the
# shortest part of such a word that counts as the name.
COMPOUNDING = frozenset({"de", "nl", "lb"})
MIN_COMPOUND_PART = 4


def _form_in(form: str, folded_text: str, original: str) -> bool:
    """A short form (``UN``, ``US``) counts only as a capitalised word; a longer one anywhere."""
    if len(form) <= 3:
        return regex.search(rf"(?<![\p{{L}}\d]){regex.escape(form.upper())}(?![\p{{L}}\d])", original) is not None
    return f" {form} " in f" {folded_text} "


def _group_present(phrase: str, folded_other: str, other_text: str) -> bool | None:
    """True/False when ``phrase`` is a known multilingual name, or the demonym of one written as a name
    ("les Étasuniens"); None when it is not one."""
    group = _GROUPS.get(phrase)
    if group is None:
        group = next((g for g, pattern in _DEMONYM_PATTERNS.items() if pattern.fullmatch(phrase)), None)
    if group is None:
        return None
    if any(_form_in(form, folded_other, other_text) for form in _FORMS_OF[group]):
        return True
    demonym = _DEMONYM_PATTERNS.get(group)
    return demonym is not None and demonym.search(folded_other) is not None


# German writes a place's adjective as its name and -er, capitalised: "der Kölner Dom" (Köln), "die
# Berliner Mauer", "die Pariser Polizei", "die Wiener Staatsoper".
_PLACE_ADJECTIVE_ENDINGS = {"de": "er", "lb": "er"}


def _place_forms(word: str, language: str) -> tuple[str, ...]:
    """``word`` (folded), and the place name it may be the adjective of in ``language``."""
    ending = _PLACE_ADJECTIVE_ENDINGS.get(language)
    if ending and word.endswith(ending) and len(word) >= len(ending) + 4:
        return word, word[:-len(ending)]
    return (word,)


@functools.lru_cache(maxsize=256)
def _folded_with_places(text: str, language: str) -> str:
    """``text`` folded, each place adjective followed by its place (see :func:`_place_forms`)."""
    return " ".join(form for word in fold(text).split() for form in _place_forms(word, language))


# A word of a name is looked for in translation only when its language writes it this often (tower
# 3e-5, cruz 7e-5): the encoder places rare words ("Getter", "Aviv") near unrelated ones.
RENDERED_WORD_FREQUENCY = 1e-5
FOLLOWING_CHARS = 100  # how far after a name its two following words are looked for


def _in_present_groups(words: list[str], folded_other: str, other_text: str) -> set[int]:
    """The indexes of ``words`` that belong to a run of them forming a known multilingual name which
    ``other_text`` has ("united nations" in "united nations security council")."""
    inside: set[int] = set()
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + MAX_GROUP_WORDS) + 1):
            if _group_present(" ".join(words[start:end]), folded_other, other_text):
                inside.update(range(start, end))
    return inside


def absent_words(name: Name, source_text: str, other_text: str, language: str = "und",
                 other_language: str = "und", renders: Callable[[str], bool] | None = None) -> list[str]:
    """The words of ``name`` that no word of ``other_text`` renders; empty when the name is there.
    ``language`` and ``other_language`` are the two texts' languages, for transliterated names.

    A word is rendered when the other text writes it alike (up to case, accents, spelling and
    transliteration), when a known multilingual name the word is part of is there ("United Nations"
    in "United Nations Security Council" / "la ONU"), or when ``renders`` (the encoder's judgement)
    says a word of the other text translates it: names made of ordinary words are translated word
    for word ("Red Cross" / "Cruz Roja", "Tower Bridge" / "pont de la Tour")."""
    folded_other = _folded_with_places(other_text, other_language)
    other_words = _words_of(folded_other, other_language)
    # the name with up to two following words, for forms such as "Nations unies" or "Estados Unidos"
    following = fold(source_text[name.start:name.end + FOLLOWING_CHARS]).split()
    size = len(fold(name.text).split())
    for extra in (0, 1, 2):
        known = _group_present(" ".join(following[:size + extra]), folded_other, other_text)
        if known is not None:
            return [] if known else [name.text]
    words = fold(name.text).split()
    in_known_name = _in_present_groups(words, folded_other, other_text)
    absent = []
    for index, (word, written) in enumerate(zip(words, name.text.split())):
        if word in NOT_NAMES or word in _PARTICLE_WORDS or (len(word) < 3 and not written.isupper()):
            continue
        if index in in_known_name or any(other_words.has_similar(form, language)
                                         or _group_present(form, folded_other, other_text)
                                         for form in _place_forms(word, language)):
            continue
        # one language writes as one word what the other writes as two ("San Remo" / "Sanremo")
        joined = [words[index - 1] + word] if index else []
        joined += [word + following[index + 1]] if index + 1 < len(following) else []
        if any(other_words.has_same(form) for form in joined):
            continue
        # a German or Dutch compound holds the name: "Eiffel Tower" / "Eiffelturm", "Eiffelturm" / "Eiffel"
        if (other_language in COMPOUNDING or language in COMPOUNDING) and other_words.has_compound_of(word):
            continue
        if renders is not None and frequency(word, language) >= RENDERED_WORD_FREQUENCY and renders(written):
            continue  # an ordinary word of its language, translated (the encoder's vectors of rare words are noise)
        absent.append(written)
    if absent and len(absent) < len(name.text.split()):
        # the name is there, but a word of it is an ordinary word of its language, which translations
        # render as a common noun or leave out: "the Élysée Palace" / "l'Élysée", "Lake Geneva" / "le Léman"
        absent = [written for written in absent if not _descriptor(written, language)]
    return absent


# An acronym is its language's own when the other language writes it at most this fraction as often.
LOCAL_ACRONYM_RATIO = 0.05


def _local_acronym(name: Name, language: str, other_language: str) -> bool:
    """An acronym that ``other_language`` never writes, or far less often than ``language`` does."""
    if not _ACRONYM.fullmatch(name.text) or other_language in ("und", ""):
        return False
    elsewhere = frequency(name.text, other_language)
    return elsewhere == 0.0 or elsewhere <= LOCAL_ACRONYM_RATIO * frequency(name.text, language)


def _drop_local_acronyms(left: list[tuple[str, Name]], right: list[tuple[str, Name]], left_language: str,
                         right_language: str) -> tuple[list, list]:
    """Both lists without pairs of acronyms, each its own language's, of about the same length."""
    local_left = {text for text, name in left if _local_acronym(name, left_language, right_language)}
    local_right = {text for text, name in right if _local_acronym(name, right_language, left_language)}

    def same_acronym(a: str, b: str) -> bool:
        return a in local_left and b in local_right and abs(len(a) - len(b)) <= 1
    return _drop_translations(left, right, same_acronym)


def _drop_translations(left: list[tuple[str, Name]], right: list[tuple[str, Name]],
                       translated: Callable[[str, str], bool], by_sound: bool = False) -> tuple[list, list]:
    """Both lists without the names that translate one another (each name used once). ``by_sound``:
    two one-word names must also :func:`may_be_forms_of_one_name` (the encoder sets a few first names
    together: Tom and Jim 0.63), unless both open their sentences and are no names by their spread
    (a sentence's first word, "Disculpe" / "Excusez-moi", may be an ordinary word, translated)."""
    def matches(a: tuple[str, Name], b: tuple[str, Name]) -> bool:
        if by_sound and " " not in a[0] and " " not in b[0] and not (a[1].initial and b[1].initial) \
                and not may_be_forms_of_one_name(a[0], b[0]):
            return False
        return translated(a[0], b[0])

    kept_right = list(right)
    kept_left = []
    for item in left:
        match = next((other for other in kept_right if matches(item, other)), None)
        if match is None:
            kept_left.append(item)
        else:
            kept_right.remove(match)
    return kept_left, kept_right


def _openers_against(names: list[tuple[str, Name]], others: list[tuple[str, Name]]) -> list[tuple[str, Name]]:
    """``names`` without the openers that may be ordinary words (see :class:`Name`), unless ``others``
    has a name in the same place: one that opens its sentence and is written as names are."""
    if any(other.opens and not other.initial for _, other in others):
        return names
    return [(text, name) for text, name in names if not (name.weak and name.initial)]


def same_name(left: str, right: str) -> bool:
    """Whether two names share a significant word (a surname), allowing for spelling."""
    right_words = [w for w in fold(right).split() if w not in NOT_NAMES]
    return any(_similar(word, other) for word in fold(left).split() if word not in NOT_NAMES and len(word) >= 3
               for other in right_words)


def _rendered_in(renders: Callable[[str, str, str], bool], other: str, other_language: str, word: str) -> bool:
    return renders(word, other, other_language)


Absent = tuple[list[tuple[str, Name]], list[tuple[str, Name]]]


def absent_names(left: str, right: str, left_language: str = "und", right_language: str = "und",
                 renders: Callable[[str, str, str], bool] | None = None) -> Absent:
    """The first half of :func:`missing`: the names (or parts) of each side absent from the other,
    before translations are looked for among them."""
    def side(text: str, language: str, other: str, other_language: str) -> list[tuple[str, Name]]:
        out = []
        rendered = None if renders is None else functools.partial(_rendered_in, renders, other, other_language)
        for name in names(text, language):
            absent = absent_words(name, text, other, language, other_language, rendered)
            if absent:
                # the other side has the name's last word: a translation may drop a first name
                # ("Donald Trump" / "Trump"), so it is a change only against another name ("Hillary
                # Clinton" / "Bill Clinton"); so is a last word that some languages write as an
                # ordinary word, which a translation renders as a common noun ("Niagara Falls" /
                # "chutes du Niagara") or replaces by another person's ("Pedro Sánchez" / "Pedro
                # Almodóvar"); any other changed last word ("Tel Aviv" / "Tel Pedro") is a change
                written = name.text.split()
                partial = len(absent) < len(written) and (
                    written[-1] not in absent or absent == [written[-1]] and _descriptor(written[-1], language,
                                                                                       bound=False))
                out.append((" ".join(absent), replace(name, weak=True, initial=False, opens=False) if partial else name))
        return out

    left_absent = side(left, left_language, right, right_language)
    right_absent = side(right, right_language, left, left_language)
    if left_absent and right_absent:
        left_absent, right_absent = _drop_local_acronyms(left_absent, right_absent, left_language, right_language)
    return left_absent, right_absent


def names_to_translate(absent: Absent) -> list[str]:
    """The names :func:`missing` may ask ``translated`` about (to encode them beforehand)."""
    left_absent, right_absent = absent
    return [text for text, _ in (*left_absent, *right_absent)] if left_absent and right_absent else []


def missing(left: str, right: str, left_language: str = "und", right_language: str = "und",
            translated: Callable[[str, str], bool] | None = None,
            renders: Callable[[str, str, str], bool] | None = None, absent: Absent | None = None,
            ) -> tuple[list[str], list[str]]:
    """The names (or parts of names) of ``left`` absent from ``right``, and the reverse.

    A weak name (see :class:`Name`) is reported only when the other side has a name of its own in
    its place: "Tom" against "Pedro" is a changed name, "Tom" against "il" a pronoun. A name of one
    side that ``translated`` says the other side translates ("John" and "Juan", "VIH" and "SIDA",
    "The Phantom" and "El Fantasma"; the multilingual encoder's judgement) is no change; so is a word
    of a name that ``renders(word, other_text, other_language)`` says a word of the other side
    translates (see :func:`absent_words`). ``absent``: :func:`absent_names` of the same arguments,
    when already known.
    """
    left_absent, right_absent = absent if absent is not None else absent_names(left, right, left_language,
                                                                                right_language, renders)
    if translated is not None and left_absent and right_absent:
        left_absent, right_absent = _drop_translations(left_absent, right_absent, translated, by_sound=True)
    # A sentence's opener that may be an ordinary word ("Pluies", "Lander") counts only against a name
    # that opens the other sentence and is written as names are ("Tom"): two sentences that open with
    # such words ("Saluez", "Saludad"; "Desconfiad", "Méfiez-vous", which the encoder does not relate)
    # have swapped no names, and two lone surnames that open both sides ("Scholz ..." / "Sunak ...")
    # are missed, while a full name on either side is not.
    left_absent, right_absent = _openers_against(left_absent, right_absent), _openers_against(right_absent, left_absent)
    if left_absent and right_absent:
        return [t for t, _ in left_absent], [t for t, _ in right_absent]
    return [t for t, n in left_absent if not n.weak], [t for t, n in right_absent if not n.weak]
