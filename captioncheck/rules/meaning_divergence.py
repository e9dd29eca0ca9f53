"""meaning-divergence (CC201, warning): a caption pair whose two sides do not say the same thing.

Every pair (an untranslated segment and its translation, see pairing) has an equivalence score in
[0, 1] (see ``captioncheck.compare.equivalence``): sentence embeddings, word alignment, length, and the
numbers and names one side lacks. A pair below the divergence threshold (default 0.30, calibrated so
that on human-labelled English-French pairs 95% of the pairs it flags are divergent, and 0.7% of
faithful caption translations are flagged), and two captions of one slot whose sentence cosine,
with or without the names they share, is below 0.30 however short they are, are reported on the
translation, in an editor's words:

- when the two sides share nothing (a sentence cosine below 0.45, with or without the names they
  share, and a counterpart for at most a quarter of either side's content words, a name written alike
  on both sides aside), the translation describes something else: a caption left beside the wrong
  photo's text. That is the pair's one finding: the numbers and names that differ are in its message,
  and ``number-mismatch``, ``name-mismatch``, ``position-mismatch`` and ``credit-mismatch`` leave the
  pair alone (so they do for captions swapped between two photos, below);
- otherwise the message quotes what has no counterpart on the other side: the clause (or the end or
  beginning) whose removal makes one side read as a translation of the other, else the longest run
  of words the word alignment finds no counterpart for.

Captions that fill the same slot (two lines with one credit, a figure's ``alt`` and ``figcaption``)
are paired whatever they say, so a wrong caption is found even when nothing in it resembles the
other side. A slot's caption that translates a nearby slot's caption far better than its own
(captions swapped between two photos of one story, see ``captioncheck.pairing.crossed_slots``) is
reported whatever its score, naming the line it belongs with. So is a translation that stops short
where its source does not (see ``captioncheck.compare.truncation``): one that breaks off mid-sentence, on an
article, a preposition or a conjunction ("line 6 breaks off after 'touchées par la': the end of line
5 is not translated"), or inside a quotation or brackets it never closes; and one whose last sentence
is only a subordinate clause ("line 6 stops after 'If the rain continues through the night', a clause
with no main clause: ...") while part of its source has no counterpart in it.

Example::

    Javier SORIANO / AFP - Los agricultores bloquean la autopista en protesta contra la sequía
    Javier SORIANO / AFP - Un enfant joue au ballon sur une plage de Marseille

Reported: "line 6 does not translate line 5: it describes something else". With figures and names
("Veinticinco bomberos ... cerca de Atenas" beside "Emmanuel Macron inaugure 52 nouvelles écoles"),
the message adds them: "(line 5 says Veinticinco, Atenas where line 6 says 52, Emmanuel Macron)".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..vocabulary import lexicon
from ..compare import truncation
from ..compare.equivalence import divergent
from ..context import Context
from ..findings import Finding
from .. import catalog
from .base import difference, finding_at, name_difference, number_difference, place, places, quote

RULE = catalog.rule("meaning-divergence")
# From this gain (see captioncheck.compare.omission) the part one side leaves out is the one quoted.
QUOTED_OMISSION = 0.03


def _cut_short(view) -> str | None:
    """How the translation shows it stops short of its source ("breaks off after 'touchées par la'"),
    when the source does not stop the same way; None otherwise."""
    source, target = lexicon.content(view.source.text), lexicon.content(view.target.text)
    end = truncation.breaks_off(target, view.target_language)
    if end is not None and truncation.breaks_off(source, view.source_language) is None:
        return f"breaks off after {quote(end)}"
    inside = truncation.unclosed(target)
    if inside is not None and truncation.unclosed(source) is None:
        return f"breaks off inside {inside}"
    clause = truncation.lone_clause(target, view.target_language)
    if clause is not None and truncation.lone_clause(source, view.source_language) is None \
            and _untranslated_words(view, source):
        return f"stops after {quote(clause)}, a clause with no main clause"
    return None


def _untranslated_words(view, source: str) -> bool:
    """Whether part of the source has no counterpart in the translation: the source without one of
    its clauses is closer to it (see captioncheck.compare.omission), or its last sentence has a run of words
    the word alignment finds no counterpart for."""
    pair = view.pair
    if pair.omission.side == 0 and pair.omission.gain > 0:
        return True
    if pair.alignment is None:
        return False
    last_sentence = truncation.last_sentence_start(source)
    return any(start >= last_sentence for start, _ in pair.alignment.left.gaps(source))


def _message(view, context: Context, cut_short: str | None) -> str:
    pair = view.pair
    if pair.crossed is not None:
        other = context.document.segments[pair.crossed]
        source, target = place(view.source, view.target, other), place(view.target, view.source, other)
        its_partner = context.partner(other.id)
        beside = () if its_partner is None else (context.document.segments[its_partner],)
        elsewhere = place(other, view.source, view.target, *beside)  # with a column if its partner shares its line
        if context.is_source(pair.crossed):
            return f"{target} does not translate {source}: it translates {elsewhere}, another photo's caption" \
                + _details(view)
        return f"{target} does not translate {source}: {elsewhere}, another photo's caption, does" + _details(view)
    source, target = places(view)
    if cut_short is not None:
        omission = pair.omission
        if omission.side == 0 and omission.gain >= QUOTED_OMISSION and omission.span is not None:
            start, end = omission.span
            lost = quote(lexicon.content(view.source.text)[start:end].strip())
            return f"{target} {cut_short}: {lost} in {source} has no counterpart"
        return f"{target} {cut_short}: the end of {source} is not translated"
    if context.describes_something_else(pair):
        return f"{target} does not translate {source}: it describes something else" + _details(view)
    if pair.alignment is None:
        return f"{target} translates {source} only loosely: check that they say the same"
    source_text, target_text = lexicon.content(view.source.text), lexicon.content(view.target.text)
    omission = pair.omission
    if omission.gain >= QUOTED_OMISSION and omission.span is not None:
        start, end = omission.span
        if omission.side == 0:
            return f"{quote(source_text[start:end].strip())} in {source} has no counterpart in {target}"
        return f"{quote(target_text[start:end].strip())} in {target} is not in {source}"
    dropped = [source_text[s:e] for s, e in pair.alignment.left.gaps(source_text)]
    added = [target_text[s:e] for s, e in pair.alignment.right.gaps(target_text)]
    parts = []
    if dropped:
        parts.append(f"{quote(dropped[0])} in {source} has no counterpart in {target}")
    if added:
        parts.append(f"{quote(added[0])} in {target} is not in {source}")
    if not parts:
        return f"{target} translates {source} only loosely: check that they say the same"
    return "; ".join(parts)


def _details(view) -> str:
    """The numbers and names that differ, for the one finding of a caption that is no translation:
    " (line 3 says 25, Atenas where line 4 says 52, Emmanuel Macron)"."""
    source_numbers, target_numbers = number_difference(view)
    source_names, target_names = name_difference(view)
    source = [q.text for q in source_numbers] + source_names
    target = [q.text for q in target_numbers] + target_names
    return f" ({difference(source, target, view)})" if source or target else ""


def check(context: Context) -> Iterator[Finding]:
    for view in context.paired():
        pair = view.pair
        cut_short = None if pair.crossed is not None else _cut_short(view)
        if pair.crossed is None and cut_short is None and not divergent(
                pair.similarity, pair.cosine, pair.structural, context.divergence_threshold, pair.distinct_cosine):
            continue
        yield finding_at(RULE, view.target, 0, len(view.target.text), _message(view, context, cut_short),
                         related_segment=view.source.id, language=view.target_language,
                         score=view.pair.similarity)
