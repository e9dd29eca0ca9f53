"""Whether a text breaks off mid-sentence: its last word is one that cannot end a sentence.

A translation cut short (by a field's character limit, a careless paste, or a translator who stopped
at a comma) often still reads as a loose translation of the original: most of its words have a
counterpart, the sentence embeddings stay close, and the equivalence score passes it. Its end gives
it away: "... touchées par la", "... los alcaldes de los", "... the price of the". No finished sentence
ends on an article, a preposition that cannot be left at the end, or a conjunction.

``DANGLING`` lists those words per language. It is a short hand-written list on purpose: only
closed-class words that grammar never puts last, so that a faithful caption never matches. Words
that can end a sentence in some use are left out, even when they rarely do:

- indefinite articles that are also pronouns or numbers (French "une", "un": "j'en ai un"; Spanish
  "una"; Dutch "een": "ik heb er een");
- prepositions that English and German leave at the end ("made of", "komm mit");
- German definite articles, which are also pronouns ("ich kenne die"), and Dutch "het" ("ik weet
  het"), "van" ("daar weet ik niets van") and "maar" ("kom maar");
- words that differ from a word that may end a sentence only by an accent news copy sometimes drops
  (Spanish "mi" for "para mí", "se" for "no sé");
- conjunctions asked as a question ("..., oder?");
- question words ("depuis quand ?"); "que" is kept, as news copy writes "¿qué?" with its accent.

A word written with a capital is never dangling ("vitamin A", "plan B"), nor is one inside a word
joined by a hyphen ("dit-il"). A word elided before the next one ("l'", "dell'") is in the lists.
"""

from __future__ import annotations

import regex

DANGLING: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": "the a an and or but nor than my your our their its very",
        "fr": "le la les des du au aux de à et ou mais car que ce cette ces mon ma mes ton ta tes son sa ses "
              "je il ils dont lorsque puisque quoique chez dans par l' d' j' qu' jusqu' lorsqu' puisqu' c' m' t' s' n'",
        "es": "el la los las lo un del al de a con en para sin desde hacia hasta y e o u pero ni que "
              "su sus mis le les cuyo cuya cuyos cuyas muy",
        "it": "il lo la i gli le un del dello della dei degli delle al allo alla ai agli alle dal dallo dalla "
              "dai dagli dalle nel nello nella nei negli nelle sul sullo sulla sui sugli sulle di da con per "
              "tra fra e ed o ma l' dell' all' dall' nell' sull' un' d'",
        "pt": "os as do da dos das ao aos pelo pela pelos pelas de em com para por sem e ou mas",
        "de": "und dass weil obwohl des zum zur vom beim im am ins ans von",
        "ca": "el els les del dels al als de amb per i o però l' d'",
        "nl": "de en of",
    }.items()
}
# The last word of a text, what may follow it (closing punctuation, quotes, brackets), and the words
# before it, for the quote a message gives. A word may hold apostrophes and hyphens ("dit-il", "l'").
_END = regex.compile(r"(?:(?:^|\s)(?P<before>\S+\s+\S+)\s+|^|\s)(?P<word>[\p{L}\p{M}][\p{L}\p{M}'’-]*)"
                     r"(?P<after>[\s.,;:!?…»\"”’)\]*-]*)$")


def breaks_off(text: str, language: str) -> str | None:
    """The end of ``text`` ("touchées par la") when its last word cannot end a sentence in
    ``language``; None when it ends as a sentence may, or the language has no list."""
    words = DANGLING.get(language)
    if words is None:
        return None
    tail = text[-200:]  # the end is all that matters, and a bounded search stays linear
    match = _END.search(tail)
    if match is None:
        return None
    word = match.group("word")
    if word != word.casefold():
        return None
    if word.replace("’", "'") not in words:
        return None
    before = match.group("before")
    if before is None:  # "Na und?", "Et ta sœur ?": too short to say it is a cut sentence
        return None
    return f"{before} {word}"
