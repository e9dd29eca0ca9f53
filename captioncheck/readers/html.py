"""HTML articles, read with the standard library's HTML tokenizer, which reports source positions.

Checked: headings, paragraphs, list items, block quotes, table cells, ``figcaption`` and the ``alt``
and ``title`` of images (in ``figure`` and ``picture`` too), which are captions; a credit inside a
figure (a ``cite`` or ``small`` element, or one whose class names a credit, copyright or photographer)
is a credit segment of its own, so the caption's prose stays whole.

The article's scope comes from the element tree, never from a substring: ``article``, ``main``, an
element with ``role="main"`` or ``itemprop="articleBody"``, or a content class that CMSs use
(``entry-content``, ``post-content``, ``article-body``...). When the page has such an element, only
its content is checked, and the page's first ``h1`` (the headline, which themes often put just
outside the content element); otherwise the whole body is. Skipped: ``script``, ``style``, ``code``,
``pre``, ``template``, ``svg`` and the like; ``aside`` and related-links, share, newsletter and comment
blocks anywhere; ``nav``, ``header`` and ``footer`` outside the article (inside it, their text is
content that leaked in and is reported as boilerplate). ``lang`` on the scope element or ``html`` sets
the article's language. ``<!-- captioncheck: disable=RULE -->`` and ``enable=`` suppress a range.

Nesting costs nothing per level: the reader keeps counters, not searches of the open elements.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from html.parser import HTMLParser

import regex

from .. import patterns
from ..document import Kind
from ..suppressions import parse_directive, ranges
from .article import Candidate, select_article
from .builder import LineIndex, SegmentBuilder
from .structure import Parsed, RawSegment, repeats

BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "blockquote", "dd", "dt",
                    "td", "th", "caption", "div", "section", "figure", "article", "main", "body", "nav", "header",
                    "footer", "aside", "picture", "span.credit", "pre"})
SKIPPED = frozenset({"script", "style", "code", "template", "svg", "noscript", "math", "textarea",
                     "select", "button", "iframe", "object", "head", "title"})
PAGE_FURNITURE = frozenset({"nav", "header", "footer", "form", "menu"})
ALWAYS_FURNITURE = frozenset({"aside"})
SCOPE_TAGS = frozenset({"article", "main"})
VOID = frozenset({"img", "br", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed",
                  "param", "track"})
# Class or id words of the article body in common CMSs (WordPress, Drupal, Ghost, Arc, newspaper themes).
CONTENT_CLASSES = patterns.compile(
    r"(?:^|[\s_-])(?:entry-content|post-content|post-body|article-body|article__body|article-content|"
    r"article__content|story-body|story-content|c-article-body|td-post-content|field--name-body|"
    r"content-body|gh-content|rich-text|article-text|news-content|articleBody)(?:$|[\s])", regex.IGNORECASE)
# Class or id words of blocks that are page furniture wherever they sit: words that say what a block is
# (such a block is never the article, however much of its text an extractor keeps), and words that say
# where a theme puts it (a "widget" may hold the article: see readers/article.py).
NAMED_FURNITURE_WORDS = (
    "related|share|sharing|sharedaddy|social|newsletter|subscribe|comments?|breadcrumbs?|jp-relatedposts|"
    "tags|post-tags|author-box|read-more|recommended|outbrain|taboola|entry-meta|post-meta|article-meta|"
    "byline|posted-on|references|reflist|footnotes|bibliography|cookie|consent|gdpr|paywall")
LAYOUT_FURNITURE_WORDS = "advert|advertisement|ads?|promo|sidebar|widget"


def _class_words(words: str) -> regex.Pattern:
    return patterns.compile(rf"(?:^|[\s_-])(?:{words})(?:$|[\s_-])", regex.IGNORECASE)


FURNITURE_CLASSES = _class_words(f"{NAMED_FURNITURE_WORDS}|{LAYOUT_FURNITURE_WORDS}")
NAMED_FURNITURE = _class_words(NAMED_FURNITURE_WORDS)
# Inline elements only: a block that is hidden may be article text behind a "read more" button.
INLINE = frozenset({"span", "label", "small", "em", "i", "b", "strong", "a", "abbr"})
SCREEN_READER_CLASSES = patterns.compile(
    r"(?:^|\s)(?:sr-only|visually-hidden|visuallyhidden|screen-reader-text|off-screen|offscreen|u-hidden)(?:$|\s)",
    regex.IGNORECASE)
CREDIT_CLASSES = patterns.compile(r"credit|copyright|photographer|caption-author|attribution", regex.IGNORECASE)
# Elements that hold a figure's credit whatever their class: "<figcaption>... <cite>EFE</cite>".
CREDIT_TAGS = frozenset({"cite", "small"})
# Elements that set a title of a work or a foreign phrase apart (outside a figure's credit).
SET_APART_TAGS = frozenset({"i", "em", "cite"})
# Preformatted text is read paragraph by paragraph (blank lines apart), and a paragraph is kept when it
# is prose: a plain-text document (an RFC, a transcript) published in ``<pre>``. Code, shell sessions and
# tables are not: most of their tokens are not words, or a line starts with a prompt.
_PRE_PARAGRAPH = patterns.compile(r"\n[^\S\n]*\n\s*")
_WORD_TOKEN = patterns.compile(r"[\"'(\[«“‘]*\p{L}[\p{L}\p{M}'’.-]*[.,;:!?)\]\"'»”’]*")
_PROMPT = patterns.compile(r"\s*[$#>%]\s")  # a paragraph that opens with a prompt
PRE_PROSE_SHARE = 0.85  # share of a preformatted paragraph's tokens that are words, from which it is prose
FURNITURE_KEPT = 8  # furniture elements a block remembers at each end of its ancestry


# Elements a fix may remove whole when they hold one segment and nothing else but credits: never a
# figure (it holds the image), a table cell, or the article itself.
HOLDERS = frozenset({"p", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "span", "a",
                     "small", "em", "i", "b", "strong", "section", "aside", "nav", "header", "footer", "dd", "dt"})


@dataclass
class _Frame:
    tag: str
    skipped: bool = False
    furniture: bool = False
    scope: bool = False
    figure: bool = False
    credit: bool = False
    link: bool = False
    furniture_id: int = -1  # which furniture element this is (an element marked as furniture)
    set_apart: tuple[SegmentBuilder, int] | None = None  # an italic element: its block and where it starts
    layout: bool = False  # furniture only by a layout class ("widget", "sidebar") or its id: it may hold the article
    start: int = -1  # where its start tag is in the source
    first_found: int = 0  # the first segment read inside it


@dataclass
class _Open:
    """A block being read: its text so far, and how much of it is link text."""

    tag: str
    builder: SegmentBuilder
    credit: bool
    furniture: tuple[int, ...]  # the furniture elements it sits in (innermost last)
    link_chars: int = 0


class _Tokenizer(HTMLParser):
    """Segments of ``source[start:end]``, with positions in the whole ``source``."""

    def __init__(self, source: str, index: LineIndex, start: int = 0, end: int | None = None) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.index = index
        self.base = start
        self.local = LineIndex(source[start:end])
        self.stack: list[_Frame] = []
        self.counts = {"skipped": 0, "furniture": 0, "scope": 0, "figure": 0, "credit": 0, "link": 0}
        self.found: list[Candidate] = []
        self.builders: list[_Open] = []
        self.block = 0
        self.figure_block: int | None = None
        self.language: str | None = None
        self.scope_language: str | None = None
        self.scope_seen = False
        self.directives: list[tuple[int, str, frozenset[str] | None]] = []
        self.open_furniture: list[int] = []  # ids of the furniture elements open, outermost first
        self.furniture_count = 0
        self.layout_furniture: set[int] = set()  # the furniture elements named only by a layout class or an id

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.base + self.local.starts[line - 1] + column

    def _active(self) -> bool:
        """Text is read here: outside scripts and the like (page furniture is read, and marked)."""
        return not self.counts["skipped"]

    def _collecting(self) -> bool:
        """Text goes into the open block: furniture text only into a block of furniture."""
        return bool(self.builders) and self._active() and (bool(self.builders[-1].furniture)
                                                          or not self.counts["furniture"])

    def _furniture(self) -> tuple[int, ...]:
        """The furniture elements open here: the outermost and the innermost few (deep nesting stays linear)."""
        if len(self.open_furniture) <= 2 * FURNITURE_KEPT:
            return tuple(self.open_furniture)
        return tuple(self.open_furniture[:FURNITURE_KEPT] + self.open_furniture[-FURNITURE_KEPT:])

    def _frame(self, tag: str, attributes: dict) -> _Frame:
        marks = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
        in_scope = self.counts["scope"] > 0
        scope = (tag in SCOPE_TAGS or attributes.get("role") == "main"
                 or attributes.get("itemprop") == "articleBody" or bool(CONTENT_CLASSES.search(marks)))
        named = bool(FURNITURE_CLASSES.search(marks)) and not scope and tag not in SCOPE_TAGS
        furniture = tag in ALWAYS_FURNITURE or (tag in PAGE_FURNITURE and not in_scope) or named
        # Text only screen readers get ("Image caption", "Media caption" before a caption's text), or
        # that the page hides: a label of the page's, not the article's.
        unseen = tag in INLINE and ("hidden" in attributes or bool(SCREEN_READER_CLASSES.search(marks)))
        # Weak furniture, which readers/article.py keeps when the extractor keeps its text: named only by
        # a layout class ("widget", "sidebar"), or only by its id, which is often the slug of the section's
        # own heading (docutils, Markdown renderers: id="sharing-with-a-single-developer").
        layout = (furniture and tag not in ALWAYS_FURNITURE and tag not in PAGE_FURNITURE
                  and not NAMED_FURNITURE.search(attributes.get("class") or ""))
        return _Frame(tag, skipped=tag in SKIPPED or unseen, furniture=furniture, scope=scope, layout=layout,
                      figure=tag == "figure", link=tag == "a",
                      credit=self.counts["figure"] > 0 and (tag in CREDIT_TAGS or bool(CREDIT_CLASSES.search(marks))))

    def _push(self, frame: _Frame) -> None:
        if frame.furniture:
            frame.furniture_id = self.furniture_count
            self.furniture_count += 1
            if frame.layout:
                self.layout_furniture.add(frame.furniture_id)
            self.open_furniture.append(frame.furniture_id)
        self.stack.append(frame)
        for name in self.counts:
            self.counts[name] += getattr(frame, name)

    def _pop(self) -> _Frame:
        frame = self.stack.pop()
        if frame.furniture:
            self.open_furniture.pop()
        for name in self.counts:
            self.counts[name] -= getattr(frame, name)
        return frame

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag in VOID:
            if tag == "img" and self._active():
                self._image(attributes)
            if self.builders and tag != "wbr":  # a line-break opportunity inside a word or a URL, not a space
                self.builders[-1].builder.space()  # "one<br>two" is two words
            return
        frame = self._frame(tag, attributes)
        language = attributes.get("lang", "").split("-")[0].lower() or None
        if tag == "html" and language:
            self.language = language
        if frame.scope and language and self.scope_language is None:
            self.scope_language = language
        block_name = "span.credit" if frame.credit else tag
        if block_name in BLOCKS:
            self._close_builder()
        if frame.figure:
            self.figure_block = self.block
        if tag in SET_APART_TAGS and not frame.credit and self.builders:
            frame.set_apart = (self.builders[-1].builder, self.builders[-1].builder.length)
        frame.start, frame.first_found = self._offset(), len(self.found)
        self._push(frame)
        self.scope_seen = self.scope_seen or frame.scope
        if block_name in BLOCKS and self._active():
            self._open_builder(block_name, frame.credit)

    def _open_builder(self, name: str, credit: bool) -> None:
        self.builders.append(_Open(name, SegmentBuilder(self.index), credit, self._furniture()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1].tag == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not any(frame.tag == tag for frame in reversed(self.stack[-64:])):
            return  # a stray end tag (looking back a bounded way, so that deep nesting stays linear)
        while self.stack:
            frame = self.stack[-1]
            name = "span.credit" if frame.credit else frame.tag
            if name in BLOCKS:
                self._close_builder(name)
            if frame.set_apart is not None and self.builders and self.builders[-1].builder is frame.set_apart[0]:
                frame.set_apart[0].set_apart(frame.set_apart[1])
            self._pop()
            if frame.figure:
                self.figure_block = None
                self.block += 1
            if frame.tag == tag:
                self._claim(frame)
                break
        if self.stack and self.stack[-1].tag in BLOCKS and self._active() and not self.builders:
            parent = self.stack[-1]
            self.builders.append(_Open("span.credit" if parent.credit else parent.tag, SegmentBuilder(self.index),
                                       parent.credit, self._furniture()))  # text after a nested block

    def _claim(self, frame: _Frame) -> None:
        """Give the one segment read inside ``frame`` (credits aside) the element's extent, from its start
        tag to the end of its end tag, unless an inner element already holds it alone."""
        if frame.tag not in HOLDERS or frame.start < 0:
            return
        held = [i for i in range(frame.first_found, len(self.found)) if self.found[i].segment.kind is not Kind.CREDIT]
        if len(held) != 1:
            return
        candidate = self.found[held[0]]
        end = self.source.find(">", self._offset())
        if candidate.segment.extent is not None or candidate.segment.alt_text or end < 0:
            return
        self.found[held[0]] = replace(candidate, segment=replace(candidate.segment, extent=(frame.start, end + 1)))

    def _close_builder(self, name: str | None = None) -> None:
        if not self.builders:
            return
        current = self.builders[-1]
        if name is not None and current.tag != name:
            return
        self.builders.pop()
        if current.tag == "pre" and not _is_prose(current.builder):
            return
        kind = Kind.CREDIT if current.credit else self._kind(current.tag)
        block = self.figure_block if self.figure_block is not None else self.block
        segment = current.builder.build(block, kind)
        if segment is not None:
            link_share = current.link_chars / max(len(segment.text.replace(" ", "")), 1)
            self._emit(segment, current.furniture, min(link_share, 1.0), heading=current.tag == "h1")
            if self.figure_block is None:
                self.block += 1
        if self.builders:
            self.builders[-1].builder.space()

    def _emit(self, segment: RawSegment, furniture: tuple[int, ...], link_share: float, heading: bool = False) -> None:
        self.found.append(Candidate(segment, in_scope=self.counts["scope"] > 0, heading=heading,
                                    furniture=furniture, link_share=link_share,
                                    figure=self.counts["figure"] > 0 or self.figure_block is not None))

    def _kind(self, tag: str) -> Kind | None:
        if tag == "figcaption" or self.figure_block is not None:
            return Kind.CAPTION
        return None  # the shape of the text decides (see structure.assign_kinds)

    def _image(self, attributes: dict) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        for name in ("alt", "title"):
            value = attributes.get(name)
            if not value or not value.strip() or name == "title" and repeats(value, attributes.get("alt")):
                continue
            at = raw.find(value)
            builder = SegmentBuilder(self.index)
            builder.add(value, start + at if at >= 0 else start)
            block = self.figure_block if self.figure_block is not None else self.block
            segment = builder.build(block, Kind.CAPTION)
            if segment is not None and name == "alt":
                segment = replace(segment, alt_text=True)
            if segment is not None:
                self._emit(segment, self._furniture(), 1.0 if self.counts["link"] else 0.0)
        if self.figure_block is None:
            self.block += 1

    def _add(self, text: str) -> None:
        if self._collecting():
            current = self.builders[-1]
            current.builder.add(text, self._offset())
            if self.counts["link"]:
                current.link_chars += len(text) - text.count(" ") - text.count("\n")

    def handle_data(self, data):
        if not (self.builders and self.builders[-1].tag == "pre" and self._collecting()):
            self._add(data)
            return
        start, position = self._offset(), 0
        for gap in _PRE_PARAGRAPH.finditer(data):  # a blank line ends a paragraph of preformatted text
            self.builders[-1].builder.add(data[position:gap.start()], start + position)
            self._close_builder("pre")
            self._open_builder("pre", False)
            position = gap.end()
        self.builders[-1].builder.add(data[position:], start + position)

    def handle_entityref(self, name):
        self._add(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self._add(html.unescape(f"&#{name};"))

    def handle_comment(self, data):
        directive = parse_directive(data)
        if directive is not None and directive[0] != "ignore":
            line = self.index.position(self._offset())[0]
            self.directives.append((line, *directive))

    def finish(self) -> list[Candidate]:
        """Every text block read, in file order, with what the page says of it."""
        self.close()
        while self.builders:
            self._close_builder()
        self.found.sort(key=lambda f: (f.segment.pieces[0].line, f.segment.pieces[0].column))
        return self.found


def _is_prose(builder: SegmentBuilder) -> bool:
    """Whether a paragraph of preformatted text is prose (see ``PRE_PROSE_SHARE``)."""
    text = "".join(builder.parts)
    tokens = text.split()
    return bool(tokens) and not _PROMPT.match(text) and \
        sum(bool(_WORD_TOKEN.fullmatch(token)) for token in tokens) >= PRE_PROSE_SHARE * len(tokens)


# Marked sections other than CDATA ("<![if mso]>", "<![g>"), closed or not ("<![0" at the end of a
# file), make the standard parser raise; they are blanked out, same length, before parsing. A section
# runs to its first "]" (with the ">" right after it) or ">", or to the end of the text, so the matches
# never overlap and the pass is linear. It stops at "]" so that the "-->" of a conditional comment
# ("<!--<![endif]-->") stays: blanking it would turn the rest of the page into a comment.
_MARKED_SECTION = patterns.compile(r"<!\[(?!CDATA\[)[^\]>]*+(?:\]>?|>|$)")


def _without_marked_sections(text: str) -> str:
    return _MARKED_SECTION.sub(lambda m: regex.sub(r"[^\n]", " ", m.group()), text)


def read_fragment(source: str, index: LineIndex, start: int, end: int) -> list[RawSegment]:
    """Segments of the HTML in ``source[start:end]`` (raw HTML in Markdown), positioned in ``source``:
    a figure or a few blocks pasted into an article, with no page around them."""
    tokenizer = _Tokenizer(source, index, start, end)
    tokenizer.feed(_without_marked_sections(source[start:end]))
    return [candidate.segment for candidate in tokenizer.finish() if not candidate.furniture]


def read_html(text: str) -> Parsed:
    """A page: the article found in it (:mod:`captioncheck.readers.article`), in its own positions."""
    index = LineIndex(text)
    tokenizer = _Tokenizer(text, index)
    tokenizer.feed(_without_marked_sections(text))
    segments = select_article(tokenizer.finish(), text, tokenizer.layout_furniture)
    suppressions = ranges(tokenizer.directives, len(index.starts))
    return Parsed(segments, tuple(suppressions), tokenizer.scope_language or tokenizer.language)
