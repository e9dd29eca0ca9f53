"""The article in a published page: which of the page's text blocks are the article.

A page holds the article and its furniture: menus, share buttons, teasers of other articles, cookie
banners, comments, footers. Class names alone do not tell them apart on every site, so the article's
text is found by a maintained extraction library, trafilatura (chosen by measurement on real pages,
``bench/real_pages.py``), and the reader's own blocks, which keep their exact line and column, are
matched against it:

1. furniture elements (``aside``, ``nav``, share, related, cookie banners...) are furniture unless one
   holds half of the article's text as the extractor found it (a blog theme's "widget Blog" wrapper),
   or is furniture only by a layout class ("widget", "sidebar") or by its id (often the slug of its
   section's heading: ``id="sharing-with-a-single-developer"``) and the extractor kept half of its
   own text (a page builder's blocks, a documentation page's sections);
2. when the page's content element (``article``, ``main``, a CMS content class) holds ``SCOPE_SHARE``
   of that text or more (the page's own markup, confirmed), the element is the article; otherwise the article is the run of consecutive blocks with the
   highest total, where a block the extractor also returned counts by its length, a block of a figure
   (caption, credit, image text) for a tenth of it, furniture against by its whole length and any other
   block against by half: the densest stretch of article text, which a stray match in a footer does
   not stretch;
3. inside the article, furniture is left out, and so is what the extractor left out (dates, bylines,
   author notes, teasers), except the figures' captions, credits and image text, which extractors
   drop but captioncheck exists for, and a navigation leftover that the ``boilerplate`` rule reports;
   text of a client-side template that was never rendered (``{{ item.title }}``) and script shown as
   text are left out;
4. the headline (the page's first ``h1``) and up to ``STANDFIRST_MAX`` prose blocks between it and the
   run (the standfirst) are kept too.

When the extractor finds nothing (a short article, a page it cannot parse), the densest run of prose
stands in: blocks of ``PROSE_MIN_WORDS`` words or more that are not links count for the region. A page
with any article text is therefore never read as empty.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


from .. import patterns
from ..document import Kind
from ..vocabulary import lexicon
from .structure import RawSegment

FIGURE_WEIGHT = 0.1
OTHER_WEIGHT = -0.5
FURNITURE_WEIGHT = -1.0
LINK_ONLY = 0.8  # share of a block's letters inside links from which it is a link, not prose
STANDFIRST_MAX = 3
PROSE_MIN_WORDS = 8
SCOPE_SHARE = 0.3  # share of the extractor's text the content element must hold to be trusted as the article
MATCH_SHARE = 0.5  # share of a long block's word triples the extractor must hold for the block to be its
FURNITURE_HELD = 0.5  # share of the article's text a furniture element must hold to be a wrapper instead
# ... or, for an element furniture only by a layout class ("widget", "sidebar") or its id, of its own text when that
# is a paragraph's worth at least: page builders mark every block of an article "widget". Reference
# lists, comments, share boxes are furniture whatever the extractor keeps of them.
WRAPPER_MIN_CHARS = 100
_WORD = patterns.compile(r"\w+")
_TEMPLATE = patterns.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_CODE = patterns.compile(r"[{};=]")  # braces, semicolons and assignments: prose has almost none
CODE_SHARE = 0.03  # share of a block's characters that are code punctuation from which it is code


@dataclass(frozen=True)
class Candidate:
    """A text block of the page, with what the markup says of it."""

    segment: RawSegment
    in_scope: bool = False  # inside the page's content element
    heading: bool = False  # an h1
    furniture: tuple[int, ...] = ()  # the furniture elements (aside, nav, share, related...) it sits in
    link_share: float = 0.0  # share of its letters inside links
    figure: bool = False  # inside a figure


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


class _Extracted:
    """The extractor's text, searchable by a block's words."""

    def __init__(self, text: str) -> None:
        words = _words(text)
        self.words = set(words)
        self.pairs = set(zip(words, words[1:]))
        self.triples = set(zip(words, words[1:], words[2:]))

    def holds(self, text: str) -> bool:
        """Whether the block's words run through the extracted text: half of its word triples (word
        pairs for a short block; its word for one word), so that an inline element one side skips
        (code, a footnote mark) does not make a paragraph unknown."""
        words = _words(text)
        if len(words) <= 1:
            return bool(words) and words[0] in self.words
        runs, found = (list(zip(words, words[1:])), self.pairs) if len(words) <= 6 else \
            (list(zip(words, words[1:], words[2:])), self.triples)
        return sum(run in found for run in runs) >= MATCH_SHARE * len(runs)


def extracted_text(page: str) -> str:
    """The article's text as trafilatura finds it, or "" (not found, or the library failed on the page)."""
    import trafilatura  # a dependency: a broken install is an error, not a silent fallback

    try:
        return trafilatura.extract(page, include_comments=False, include_tables=True, favor_recall=True,
                                   deduplicate=False) or ""
    except Exception:  # noqa: BLE001 - the library's failure on one page is not the page's error
        return ""


def _is_code(text: str) -> bool:
    """Script or style text shown as text (a script in a block the page never ran)."""
    return len(text) >= 40 and len(_CODE.findall(text)) >= CODE_SHARE * len(text)


def _is_prose(candidate: Candidate) -> bool:
    return len(_words(candidate.segment.text)) >= PROSE_MIN_WORDS and candidate.link_share < LINK_ONLY


def _densest_run(weights: list[float]) -> tuple[int, int] | None:
    """``(first, last)`` of the run of consecutive weights with the highest sum (> 0), or None."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for index, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, index
        total += weight
        if total > best:
            best, best_span = total, (start, index)
    return best_span


def select_article(found: list[Candidate], page: str, layout: frozenset[int] | set[int] = frozenset()) -> list[RawSegment]:
    """The article's segments among the page's blocks (in file order), the headline first."""
    found = [c for c in found if not _TEMPLATE.search(c.segment.text) and not _is_code(c.segment.text)]
    if not found:
        return []
    extracted = _Extracted(extracted_text(page))
    held = [extracted.holds(c.segment.text) for c in found]
    candidates = _furniture_decided(found, held, layout)
    matched = [hit and not c.furniture for c, hit in zip(candidates, held)]
    trusted = any(matched)  # what the extractor left out is not the article, but for what it drops
    if _scope_holds_the_article(candidates, matched):
        pool = [i for i, c in enumerate(candidates) if c.in_scope]
    else:
        if not trusted:  # nothing the extractor found: the densest prose stands in
            matched = [_is_prose(c) and not c.furniture for c in candidates]
        weights = [len(c.segment.text) * (1.0 if hit else _weight(c)) for c, hit in zip(candidates, matched)]
        span = _densest_run(weights)
        pool = [] if span is None else list(range(span[0], span[1] + 1))
    kept = [i for i in pool if not candidates[i].furniture
            and (matched[i] or _kept_unmatched(candidates[i], trusted))]
    if not kept:  # never "nothing checked" on a page with text: what is not furniture
        kept = [i for i, c in enumerate(candidates) if not c.furniture and c.link_share < LINK_ONLY]
    if not kept:
        return []
    headline = next((i for i, c in enumerate(candidates) if c.heading and not c.furniture), None)
    if headline is not None and headline < kept[0]:
        between = [i for i in range(headline + 1, kept[0]) if not candidates[i].furniture
                   and candidates[i].link_share < LINK_ONLY]
        kept = [headline, *(between if len(between) <= STANDFIRST_MAX else []), *kept]
    segments = [candidates[i].segment for i in kept]
    title = next((n for n, i in enumerate(kept) if candidates[i].heading and candidates[i].segment.kind is None), None)
    if title is not None:
        segment = segments[title]
        segments[title] = replace(segment, kind=Kind.TITLE)
    return segments


def _furniture_decided(found: list[Candidate], held: list[bool], layout: frozenset[int] | set[int]) -> list[Candidate]:
    """Each block marked furniture only when an element it sits in is furniture indeed: one that does
    not hold most of the article's text as the extractor found it. A wrapper whose class names a widget
    or a sidebar but that holds the article (a blog theme's "widget Blog") is not furniture; a share
    box inside the article is, even where the extractor kept its text."""
    kept: dict[int, int] = {}
    total: dict[int, int] = {}
    for candidate, hit in zip(found, held):
        for element in candidate.furniture:
            total[element] = total.get(element, 0) + len(candidate.segment.text)
            kept[element] = kept.get(element, 0) + (len(candidate.segment.text) if hit else 0)
    article = sum(len(c.segment.text) for c, hit in zip(found, held) if hit)
    wrappers = {element for element in kept if kept[element] >= FURNITURE_HELD * article > 0
                or (element in layout and kept[element] >= FURNITURE_HELD * total[element]
                    and kept[element] >= WRAPPER_MIN_CHARS)}
    return [c if not c.furniture or not set(c.furniture) <= wrappers else replace(c, furniture=())
            for c in found]


def _scope_holds_the_article(candidates: list[Candidate], matched: list[bool]) -> bool:
    """Whether the page's content element is the article: it holds ``SCOPE_SHARE`` of what the
    extractor found or more (or the extractor found nothing), so the page's own markup is trusted."""
    if not any(c.in_scope and not c.furniture for c in candidates):
        return False
    found = sum(len(c.segment.text) for c, hit in zip(candidates, matched) if hit)
    inside = sum(len(c.segment.text) for c, hit in zip(candidates, matched) if hit and c.in_scope)
    return found == 0 or inside >= SCOPE_SHARE * found


def _weight(candidate: Candidate) -> float:
    if candidate.furniture:
        return FURNITURE_WEIGHT
    if candidate.figure:
        return FIGURE_WEIGHT
    return OTHER_WEIGHT


def _kept_unmatched(candidate: Candidate, trusted: bool) -> bool:
    """A block of the article's region that the extractor left out (not furniture). Kept: what
    extractors drop but an article holds (its figures' captions, credits and image text), and a
    navigation leftover, for the ``boilerplate`` rule to report. The rest (dates, bylines, author
    notes, "support us" appeals) is left out, unless the extractor found nothing at all, where the
    region's prose that is not links stands."""
    text = candidate.segment.text
    if candidate.figure or lexicon.is_boilerplate(text):
        return True
    return not trusted and candidate.link_share < LINK_ONLY
