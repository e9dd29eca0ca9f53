"""Whether a text stops short: it breaks off mid-sentence, inside a quotation, or after a clause that
needs another.

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

Two more traces of a text cut short, for a cut made after a whole word:

- :func:`unclosed`: a quotation or a bracket opened and never closed (« «Reconstruiremos cada casa »);
- :func:`lone_clause`: a last sentence that is only a subordinate clause, opened by a conjunction
  such as "if", "when", "lorsque", "cuando", "wenn" (``SUBORDINATORS``) with no comma, colon or
  dash after it for a main clause to follow ("If the rain continues through the night."). English
  and Spanish writers may leave out the comma after a short opening clause ("Cuando la tormenta
  llegó a la costa miles de familias abandonaron sus casas"), so this trace alone does not say a
  translation is cut: the rule that uses it also asks for a part of the original without a
  counterpart. Questions never count ("When will the schools open again?"), nor do words that open
  other things as often: "while" and "mientras" ("mientras tanto"), "apenas" and "appena"
  ("hardly", "just"), Italian "perché" (also "why", in headlines), Italian and Portuguese "se" (a
  pronoun), German "als", "während" and "damit" (also prepositions and adverbs).
"""

from __future__ import annotations


from .. import patterns
from ..text import sentence_spans

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
_END = patterns.compile(r"(?:(?:^|\s)(?P<before>\S+\s+\S+)\s+|^|\s)(?P<word>[\p{L}\p{M}][\p{L}\p{M}'’-]*)"
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


# Conjunctions that open a subordinate clause, per language, as written at a sentence's start.
SUBORDINATORS: dict[str, tuple[str, ...]] = {
    "en": ("if", "when", "whenever", "because", "although", "though", "unless", "whereas", "as soon as",
           "even if", "even though"),
    "fr": ("si", "quand", "lorsque", "lorsqu'", "parce que", "parce qu'", "bien que", "bien qu'", "alors que",
           "alors qu'", "puisque", "puisqu'", "quoique", "quoiqu'", "tandis que", "tandis qu'", "au moment où",
           "dès que", "dès qu'", "avant que", "avant qu'", "pour que", "pour qu'", "afin que", "afin qu'",
           "même si"),
    "es": ("si", "cuando", "porque", "aunque", "en cuanto", "ya que", "puesto que", "para que", "a pesar de que",
           "incluso si"),
    "it": ("quando", "sebbene", "benché", "mentre", "poiché", "anche se"),
    "pt": ("quando", "embora", "enquanto", "porque", "assim que", "mesmo que", "para que"),
    "ca": ("si", "quan", "perquè", "encara que", "mentre"),
    "de": ("wenn", "weil", "obwohl", "dass", "falls", "nachdem", "bevor", "sobald"),
    "nl": ("omdat", "hoewel", "wanneer", "terwijl", "zodra", "nadat"),
}
# What lets a main clause follow: a comma, semicolon, colon, dash or bracket.
_CLAUSE_BREAK = patterns.compile(r"[,;:()\u2013\u2014]|\s-\s")
_OPENING = "\"'“„«‘(["
_BRACKETS = (("(", ")"), ("[", "]"))
# Quotation marks that open and close alike in one language or another: "…", “…”, „…“.
_SAME_MARKS = "\"“”„"
_MIN_CLAUSE_WORDS = 3


def unclosed(text: str) -> str | None:
    """"a quotation" or "brackets" when ``text`` opens one more than it closes, with a few words
    after it (a credit missing its bracket, "(AFP", is not a cut text); None otherwise."""
    if sum(text.count(mark) for mark in _SAME_MARKS) % 2 or text.count("«") > text.count("»"):
        inside, opened = "a quotation", max(text.rfind(mark) for mark in _SAME_MARKS + "«")
    else:
        open_brackets = [text.rfind(opening) for opening, closing in _BRACKETS
                         if text.count(opening) > text.count(closing)]
        if not open_brackets:
            return None
        inside, opened = "brackets", max(open_brackets)
    return inside if len(text[opened + 1:].split()) >= _MIN_CLAUSE_WORDS else None


def last_sentence_start(text: str) -> int:
    """Where the last sentence of ``text`` starts."""
    spans = sentence_spans(text)
    return spans[-1][0] if spans else 0


def lone_clause(text: str, language: str) -> str | None:
    """The last sentence of ``text`` when it is only a subordinate clause ("Lorsque les pompiers
    sont arrivés devant l'immeuble"); None otherwise, or when the language has no list."""
    openers = SUBORDINATORS.get(language)
    if openers is None:
        return None
    sentence = text[last_sentence_start(text):].strip()
    if sentence.endswith("?") or "¿" in sentence or _CLAUSE_BREAK.search(sentence):
        return None
    words = sentence.lstrip(_OPENING + " \u00a0").rstrip(".!…\"'”’» ")
    if len(words.split()) < _MIN_CLAUSE_WORDS:
        return None
    folded = words.casefold().replace("’", "'")
    for opener in openers:
        if folded.startswith(opener) and (opener.endswith("'") or folded[len(opener):len(opener) + 1] == " "):
            return words
    return None
