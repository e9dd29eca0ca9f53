"""Pair verdicts on real translations: silent on faithful pairs, loud on changed ones.

Every Tatoeba pair of ``../shared/eval/tatoeba-*-dev.tsv`` with 4+ words on each side becomes an
article in each of its two languages: a headline, a standfirst and two body paragraphs in the
article's language (written for this benchmark), and the pair as two caption lines with one credit,
the untranslated caption above its translation and, in a second article, below it. Pairs are split in
two halves by a hash of their text: every figure is printed for the design half, on which features and
thresholds are chosen, and for the held-out half, which is only measured (``--show`` lists design
cases only). Then:

- **faithful**: the share of pairs with any mismatch finding (meaning-divergence, number-mismatch,
  name-mismatch, position-mismatch, credit-mismatch; warnings included), per direction and per rule,
  and the share whose untranslated caption is found (untranslated-segment) and paired with its
  translation (``related_segment``);
- **mutations** of the translation, each counted as found when the expected rule fires on the pair:
  a name replaced by another (name-mismatch), at the start, in the middle or at the end of the
  sentence (the corpus's own names, both: capitalised inside some sentence, never in lower case), a number changed (number-mismatch), a day of
  the week or a month that both sides name changed to the next one (date: number-mismatch), left and
  right swapped in a position note (position-mismatch), the last clause dropped (meaning-divergence),
  the translation replaced by the translation of another pair (a wrong caption: meaning-divergence),
  and by the sentence of the article's language most like it below a cosine of 0.7 (a close wrong
  caption, about the same kind of scene: meaning-divergence);
- **wrong captions with more than one finding**: a caption that describes something else gets one
  finding, with the details in its message;
- **same-language slots**: two consecutive sentences of the article's language as one caption slot,
  where any untranslated-segment or -fragment is a false alarm (``--show same-language`` lists them).

    python bench/true_pairs.py [--eval-dir ../shared/eval] [--limit N] [--jobs N] [--show RULE]
"""

from __future__ import annotations

import argparse
import functools
import csv
import hashlib
import os
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import regex

from captioncheck.compare import dates
from captioncheck.checker import Checker
from captioncheck.embeddings import DEFAULT_MODEL, load_encoder
from captioncheck.compare.numbers import quantities
from captioncheck.settings import Settings

T = TypeVar("T")
ISO3 = {"fra": "fr", "spa": "es", "eng": "en", "deu": "de", "ita": "it"}
MISMATCH_RULES = ("meaning-divergence", "number-mismatch", "name-mismatch", "position-mismatch", "credit-mismatch")
CREDIT = "Sergei SUPINSKY / AFP - "

ARTICLE = {
    "fr": ("Le gouvernement présente un plan pour moderniser les transports publics",
           "Le projet prévoit de nouvelles lignes de tramway dans plusieurs villes d'ici à 2030",
           "Le ministre des Transports a présenté mardi un plan d'investissement destiné à moderniser les "
           "réseaux de bus et de tramway dans les grandes agglomérations du pays.",
           "Les associations d'usagers ont salué l'annonce, tout en réclamant des horaires plus étendus le soir "
           "et le week-end dans les quartiers périphériques."),
    "es": ("El Gobierno presenta un plan para modernizar el transporte público",
           "El proyecto prevé nuevas líneas de tranvía en varias ciudades antes de 2030",
           "El ministro de Transportes presentó el martes un plan de inversiones destinado a modernizar las "
           "redes de autobús y tranvía en las grandes áreas metropolitanas del país.",
           "Las asociaciones de usuarios celebraron el anuncio, aunque reclamaron horarios más amplios por la "
           "noche y los fines de semana en los barrios periféricos."),
    "en": ("The government unveils a plan to modernise public transport",
           "The project includes new tram lines in several cities by 2030",
           "The transport minister on Tuesday presented an investment plan to modernise bus and tram networks "
           "in the country's largest metropolitan areas.",
           "Passenger groups welcomed the announcement but called for longer evening and weekend timetables "
           "in outlying neighbourhoods."),
    "de": ("Die Regierung stellt einen Plan zur Modernisierung des Nahverkehrs vor",
           "Das Projekt sieht bis 2030 neue Straßenbahnlinien in mehreren Städten vor",
           "Der Verkehrsminister hat am Dienstag einen Investitionsplan vorgestellt, mit dem die Bus- und "
           "Straßenbahnnetze in den großen Ballungsräumen des Landes modernisiert werden sollen.",
           "Fahrgastverbände begrüßten die Ankündigung, forderten aber längere Fahrzeiten am Abend und am "
           "Wochenende in den Außenbezirken."),
    "it": ("Il governo presenta un piano per modernizzare il trasporto pubblico",
           "Il progetto prevede nuove linee di tram in diverse città entro il 2030",
           "Il ministro dei Trasporti ha presentato martedì un piano di investimenti per modernizzare le reti "
           "di autobus e tram nelle grandi aree metropolitane del paese.",
           "Le associazioni di utenti hanno accolto con favore l'annuncio, chiedendo però orari più ampi la "
           "sera e nei fine settimana nei quartieri periferici."),
}
POSITIONS = {
    "fr": ("(à gauche)", "(à droite)"), "es": ("(izda.)", "(dcha.)"), "en": ("(left)", "(right)"),
    "de": ("(links)", "(rechts)"), "it": ("(a sinistra)", "(a destra)"),
}
_CAPITALISED = regex.compile(r"(?<![\p{L}'’])\p{Lu}\p{Ll}+(?![\p{L}])")
_AFTER_A_WORD = regex.compile(r"(?<=\p{Ll},? )\p{Lu}\p{Ll}+(?![\p{L}])")  # capitalised inside a sentence


@dataclass(frozen=True)
class Case:
    direction: str  # "es>fr": a Spanish caption left in a French article
    kind: str  # faithful, name-start, name-middle, name-end, number, date, position, clause, wrong, close
    source: str  # the untranslated caption (source language)
    target: str  # its translation (article language)
    article: str
    foreign_first: bool = True
    half: str = "design"


def load_pairs(eval_dir: Path) -> list[tuple[str, str, str, str]]:
    pairs = []
    for path in sorted(eval_dir.glob("tatoeba-*-dev.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                first, second, text1, text2 = ISO3[row[0]], ISO3[row[1]], row[2].strip(), row[3].strip()
                if len(text1.split()) >= 4 and len(text2.split()) >= 4:
                    pairs.append((first, second, text1, text2))
    return pairs


def corpus_names(pairs: list[tuple[str, str, str, str]]) -> frozenset[str]:
    """The corpus's own names, whatever the checker thinks: words written capitalised inside a sentence
    after a word somewhere in the corpus (German aside) and never in lower case anywhere ("Tom", "Mary",
    "Boston")."""
    inside, lower = set(), set()
    for first, second, *texts in pairs:
        for language, text in zip((first, second), texts):
            if language != "de":  # German capitalises every noun
                inside.update(m.group() for m in _AFTER_A_WORD.finditer(text))
            lower.update(regex.findall(r"(?<![\p{L}'’])\p{Ll}+", text))
    return frozenset(word for word in inside if word.lower() not in lower)


def travelling_names(pairs: list[tuple[str, str, str, str]], known: frozenset[str]) -> frozenset[str]:
    """The names of ``known`` that sentences of two languages or more write (people and places, not
    "Monday" or "Spanish"): what a swapped name is replaced with."""
    languages: dict[str, set[str]] = defaultdict(set)
    for first, second, *texts in pairs:
        for language, text in zip((first, second), texts):
            for match in _CAPITALISED.finditer(text):
                languages[match.group()].add(language)
    return frozenset(name for name in known if len(languages[name]) >= 2)


def _shared_name(source: str, target: str, known: frozenset[str]) -> tuple[str, str] | None:
    """A name of the corpus written the same on both sides, and where it stands in the translation:
    "start" (its first word), "end" (its last) or "middle"."""
    source_words = {m.group() for m in _CAPITALISED.finditer(source)}
    for match in _CAPITALISED.finditer(target):
        if match.group() in known and match.group() in source_words:
            after = target[match.end():].strip(" .!?,;:\"'»”")
            return match.group(), "start" if match.start() == 0 else "end" if not after else "middle"
    return None


def half_of(source: str, target: str) -> str:
    """The half of the dev sets a pair belongs to, by a hash of its text: features and thresholds are
    chosen on "design"; "held-out" is only measured."""
    digest = hashlib.sha1(f"{source}\t{target}".encode()).digest()
    return "design" if digest[0] % 2 == 0 else "held-out"


def _shared_number(source: str, target: str, source_language: str, target_language: str):
    found = quantities(target, target_language)
    values = {round(q.value, 6) for q in quantities(source, source_language)}
    return next((q for q in found if round(q.value, 6) in values), None)


def _changed_date(source: str, target: str, source_language: str, target_language: str) -> str | None:
    """The translation with a day or month it shares with the source changed to the next one."""
    values = {(w.kind, w.value) for w in dates.date_words(source, source_language)}
    for word in dates.date_words(target, target_language):
        if (word.kind, word.value) in values:
            table = (dates.DAYS if word.kind == "day" else dates.MONTHS)[target_language]
            other = table[word.value % len(table)]
            other = other.capitalize() if word.text[:1].isupper() else other
            return target[:word.start] + other + target[word.end:]
    return None


def _drop_clause(target: str) -> str | None:
    """The translation without its last clause (after its last comma or conjunction), if both halves count."""
    cut = max(target.rfind(","), *(target.rfind(f" {w} ") for w in ("et", "y", "and", "und", "e", "mais", "pero",
                                                                      "but", "aber", "ma", "que", "che", "dass")))
    if cut <= 0:
        return None
    head, tail = target[:cut].rstrip(" ,"), target[cut:]
    if len(head.split()) < 3 or len(tail.split()) < 3:
        return None
    return head + target.rstrip()[-1] if target.rstrip()[-1] in ".!?" else head


# A "close" wrong caption is the sentence of the same language most like the true translation, but
# below this cosine (above it the two are often the same sentence reworded: "I'm tired" / "I am tired").
CLOSE_BELOW = 0.7


def sentences_by_language(pairs: list[tuple[str, str, str, str]]) -> dict[str, list[str]]:
    """Every sentence of the pairs, by language."""
    found: dict[str, list[str]] = defaultdict(list)
    for first, second, text1, text2 in pairs:
        found[first].append(text1)
        found[second].append(text2)
    return found


def nearest_others(pairs: list[tuple[str, str, str, str]]) -> dict[str, str]:
    """For each sentence, the sentence of its language the embedded encoder finds most alike, below
    CLOSE_BELOW: a caption about the same kind of scene, left beside the wrong photo."""
    encoder = load_encoder(DEFAULT_MODEL)
    nearest = {}
    for texts in sentences_by_language(pairs).values():
        texts = sorted(set(texts))
        vectors = encoder.encode(texts)
        similarity = vectors @ vectors.T
        similarity[similarity >= CLOSE_BELOW] = -1.0  # itself, and its rewordings
        for text, row in zip(texts, similarity):
            nearest[text] = texts[int(row.argmax())]
    return nearest


def cases(pairs: list[tuple[str, str, str, str]], rng: random.Random,
          nearest: dict[str, str] | None = None) -> Iterator[Case]:
    """Every case of the benchmark, in the half of its pair; "close" wrong captions only when
    ``nearest`` is given."""
    by_language = sentences_by_language(pairs)
    known = corpus_names(pairs)
    others = sorted(travelling_names(pairs, known))
    pick = random.Random(1)  # apart from ``rng``, so that the wrong captions stay the same
    for first, second, text1, text2 in pairs:
        half = half_of(text1, text2)
        for source_language, article, source, target in ((first, second, text1, text2), (second, first, text2, text1)):
            direction = f"{source_language}>{article}"
            yield Case(direction, "faithful", source, target, article, True, half)
            yield Case(direction, "faithful", source, target, article, False, half)
            shared = _shared_name(source, target, known)
            if shared:
                name, where = shared
                other = pick.choice([n for n in others if n not in source and n not in target
                                     and n[:3] != name[:3]])  # not another form of it ("Tomás" for "Tom")
                yield Case(direction, f"name-{where}", source, regex.sub(rf"\b{name}\b", other, target), article,
                           half=half)
            number = _shared_number(source, target, source_language, article)
            if number is not None:
                changed = target[:number.start] + str(int(number.value) + 3) + target[number.end:]
                yield Case(direction, "number", source, changed, article, half=half)
            changed = _changed_date(source, target, source_language, article)
            if changed is not None:
                yield Case(direction, "date", source, changed, article, half=half)
            left, right = POSITIONS[source_language][0], POSITIONS[article][1]
            yield Case(direction, "position", f"{source.rstrip('.')} {left}", f"{target.rstrip('.')} {right}", article, half=half)
            dropped = _drop_clause(target)
            if dropped:
                yield Case(direction, "clause", source, dropped, article, half=half)
            other_target = rng.choice([t for t in by_language[article] if t != target])
            yield Case(direction, "wrong", source, other_target, article, half=half)
            if nearest is not None:
                yield Case(direction, "close", source, nearest[target], article, half=half)


def article_text(case: Case) -> tuple[str, int, int]:
    """The article, and the 1-based lines of the untranslated caption and of its translation."""
    title, standfirst, body1, body2 = ARTICLE[case.article]
    foreign, translated = CREDIT + case.source, CREDIT + case.target
    captions = [foreign, translated] if case.foreign_first else [translated, foreign]
    text = "\n\n".join([title, standfirst, "\n".join(captions), body1, body2]) + "\n"
    return text, (5 if case.foreign_first else 6), (6 if case.foreign_first else 5)


EXPECTED = {"name-start": "name-mismatch", "name-middle": "name-mismatch", "name-end": "name-mismatch", "number": "number-mismatch", "date": "number-mismatch",
            "position": "position-mismatch",
            "clause": "meaning-divergence", "wrong": "meaning-divergence", "close": "meaning-divergence"}


KINDS = ("name-start", "name-middle", "name-end", "number", "date", "position", "clause", "wrong", "close")
HALVES = ("design", "held-out")
LENGTHS = ("4-6", "7-10", "11+")


def length_bucket(text: str) -> str:
    words = len(text.split())
    return LENGTHS[0] if words <= 6 else LENGTHS[1] if words <= 10 else LENGTHS[2]


@dataclass(frozen=True)
class Found:
    rule: str
    message: str
    line: int
    end_line: int
    related_segment: int | None


_checker: Checker | None = None  # one per worker process


def _start_worker() -> None:
    global _checker
    _checker = Checker(Settings())


def checker() -> Checker:
    """This worker's checker (see :func:`check_all`)."""
    assert _checker is not None
    return _checker


def found(report) -> list[Found]:
    return [Found(f.rule, f.message, f.line, f.end_line, f.related_segment) for f in report.findings]


def _check(report) -> tuple[list[Found], dict[int, int]]:
    """The findings of an article's report, and its segments' ids by line."""
    return found(report), {s.line: s.id for s in report.document.segments}


def _check_batch(check: Callable, texts: list[str]) -> list:
    """``check`` of the reports of ``texts``, checked together as the command line checks files."""
    return [check(report) for report in checker().check_texts([(text, "text", "bench.txt") for text in texts])]


def check_all(texts: list[str], jobs: int, check: Callable[..., T] = _check) -> list[T]:
    """``check`` (:func:`_check` unless told) of the report of every text, in order, on ``jobs`` processes."""
    from captioncheck.runner import BATCH

    batches = [texts[first:first + BATCH] for first in range(0, len(texts), BATCH)]
    if jobs <= 1:
        _start_worker()
        return [result for batch in batches for result in _check_batch(check, batch)]
    with ProcessPoolExecutor(jobs, initializer=_start_worker) as pool:
        return [result for results in pool.map(functools.partial(_check_batch, check), batches, chunksize=8)
                for result in results]


def main() -> None:
    os.environ["CAPTIONCHECK_VECTOR_CACHE"] = "0"  # 12,000 articles' vectors would only churn the user's store
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pairs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--show", default="",
                        help="print the faithful cases that get this rule (or 'missed:KIND', 'unpaired' for faithful "
                             "captions not found and paired, 'doubled:KIND' for mutated pairs with more "
                             "than one finding, or 'same-language')")
    args = parser.parse_args()
    pairs = load_pairs(args.eval_dir)
    if args.limit:
        pairs = pairs[:args.limit]
    started = time.perf_counter()
    faithful, flagged, found_paired = Counter(), defaultdict(Counter), Counter()
    mutated, caught, doubled = Counter(), Counter(), Counter()
    by_length, flagged_by_length = Counter(), Counter()
    all_cases = list(cases(pairs, random.Random(0), nearest_others(pairs)))
    laid_out = [article_text(case) for case in all_cases]
    count = len(all_cases)
    for case, (_, source_line, target_line), (findings, segments) in zip(
            all_cases, laid_out, check_all([text for text, _, _ in laid_out], args.jobs)):
        on_pair = [f for f in findings if f.rule in MISMATCH_RULES and {f.line, f.end_line} & {source_line, target_line}]
        if case.kind == "faithful":
            key = (case.half, case.direction)
            faithful[key] += 1
            length = length_bucket(case.source)
            by_length[(case.half, length)] += 1
            flagged_by_length[(case.half, length)] += bool(on_pair)
            for rule in {f.rule for f in on_pair}:
                flagged[key][rule] += 1
            if on_pair:
                flagged[key]["any"] += 1
                if args.show in {"any", *[f.rule for f in on_pair]} and case.half == "design":
                    print(f"[{case.direction}] {case.source!r} / {case.target!r}: "
                          + "; ".join(f"{f.rule}: {f.message}" for f in on_pair))
            if any(f.rule == "untranslated-segment" and f.line == source_line
                   and f.related_segment == segments.get(target_line) for f in findings):
                found_paired[key] += 1
            elif args.show == "unpaired" and case.half == "design":
                print(f"[{case.direction}] {case.source!r} / {case.target!r}: "
                      + "; ".join(f"{f.rule}: {f.message}" for f in findings))
        else:
            key3 = (case.half, case.direction, case.kind)
            mutated[key3] += 1
            hit = any(f.rule == EXPECTED[case.kind] for f in on_pair)
            caught[key3] += hit
            doubled[key3] += len(on_pair) > 1
            if len(on_pair) > 1 and args.show == f"doubled:{case.kind}" and case.half == "design":
                print(f"[{case.direction}] {case.source!r} / {case.target!r}: "
                      + "; ".join(f"{f.rule}: {f.message}" for f in on_pair))
            if not hit and args.show == f"missed:{case.kind}" and case.half == "design":
                print(f"[{case.direction}] {case.source!r} / {case.target!r}: "
                      + "; ".join(f"{f.rule}: {f.message}" for f in findings))
    elapsed = time.perf_counter() - started
    directions = sorted({direction for _, direction in faithful})
    print(f"{len(pairs)} Tatoeba pairs of 4+ words, {count} articles checked in {elapsed:.0f} s")
    print("Each cell: the design half (features and thresholds are chosen on it) / the held-out half.\n")
    print("Faithful pairs with a mismatch finding (lower is better), and untranslated caption found and paired:\n")
    print("| direction | pairs | any | " + " | ".join(MISMATCH_RULES) + " | found and paired |")
    print("|---|---:|---:|" + "---:|" * (len(MISMATCH_RULES) + 1))

    def share(part: Callable[[str], float], whole: Callable[[str], float]) -> str:
        return " / ".join(f"{100 * part(h) / whole(h):.1f}%" if whole(h) else "–" for h in HALVES)

    for rows in [[d] for d in directions] + [directions]:
        name = rows[0] if len(rows) == 1 else "all"
        n = lambda h: sum(faithful[(h, d)] for d in rows)  # noqa: E731
        cells = [share(lambda h, r=rule: sum(flagged[(h, d)][r] for d in rows), n) for rule in ("any", *MISMATCH_RULES)]
        print(f"| {name} | {' / '.join(str(n(h)) for h in HALVES)} | " + " | ".join(cells) + " | "
              + share(lambda h: sum(found_paired[(h, d)] for d in rows), n) + " |")
    print("\nFaithful pairs with a mismatch finding, by the length of the untranslated caption:\n")
    print("| words | pairs | any |")
    print("|---|---:|---:|")
    for length in LENGTHS:
        n = lambda h, k=length: by_length[(h, k)]  # noqa: E731
        print(f"| {length} | {' / '.join(str(n(h)) for h in HALVES)} | "
              + share(lambda h, k=length: flagged_by_length[(h, k)], n) + " |")
    print("\nMutations found by the expected rule (recall):\n")
    print("| direction | " + " | ".join(f"{k} ({EXPECTED[k]})" for k in KINDS) + " |")
    print("|---|" + "---:|" * len(KINDS))
    for rows in [[d] for d in directions] + [directions]:
        name = rows[0] if len(rows) == 1 else "all"
        cells = []
        for kind in KINDS:
            n = lambda h, k=kind: sum(mutated[(h, d, k)] for d in rows)  # noqa: E731
            cells.append(share(lambda h, k=kind: sum(caught[(h, d, k)] for d in rows), n)
                         + f" of {' / '.join(str(n(h)) for h in HALVES)}" if any(n(h) for h in HALVES) else "–")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\nWrong captions (another pair's translation, the closest sentence below 0.7) with more than one "
          "mismatch finding (lower is better):\n")
    for kind in ("wrong", "close"):
        n = lambda h, k=kind: sum(mutated[(h, d, k)] for d in directions)  # noqa: E731
        print(f"- {kind}: " + share(lambda h, k=kind: sum(doubled[(h, d, k)] for d in directions), n))
    same_language_slots(pairs, args.jobs, args.show == "same-language")


def same_language_slots(pairs: list[tuple[str, str, str, str]], jobs: int, show: bool) -> None:
    """Two consecutive sentences of one language laid out as one caption slot in an article of that
    language: nothing is untranslated, so any untranslated-segment or -fragment is a false alarm."""
    by_language = sentences_by_language(pairs)
    slots = [(language, first, second) for language in sorted(by_language)
             for first, second in zip(by_language[language], by_language[language][1:])]
    texts = []
    for language, first, second in slots:
        title, standfirst, body1, body2 = ARTICLE[language]
        texts.append("\n\n".join([title, standfirst, f"{CREDIT}{first}\n{CREDIT}{second}", body1, body2]) + "\n")
    total, wrong = Counter(), Counter()
    for (language, first, second), (findings, _) in zip(slots, check_all(texts, jobs)):
        found = [f for f in findings if f.rule.startswith("untranslated")]
        total[language] += 1
        wrong[language] += bool(found)
        if found and show:
            print(f"[{language}] {first!r} / {second!r}: " + "; ".join(f.message for f in found))
    print("\nCaption slots of two sentences in the article's language, reported untranslated (lower is better):\n")
    print("| language | slots | untranslated |")
    print("|---|---:|---:|")
    for language in sorted(total):
        print(f"| {language} | {total[language]} | {100 * wrong[language] / total[language]:.2f}% |")
    print(f"| all | {sum(total.values())} | {100 * sum(wrong.values()) / max(sum(total.values()), 1):.2f}% |")


if __name__ == "__main__":
    main()
