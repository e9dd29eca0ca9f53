"""HTML articles, read with the standard library's HTML tokenizer, which reports source positions.

Checked: headings, paragraphs, list items, block quotes, ``figcaption`` and the ``alt`` and ``title``
of images (captions). Skipped: ``script``, ``style``, ``code``, ``pre``, ``template``, ``svg``, and the
page's furniture, ``nav``, ``header``, ``footer`` and ``aside``: when the page has an ``article`` (or
``main``) element, only its content is checked, so navigation and footers are reported as boilerplate
only when their text leaked into the article body. ``lang`` on ``article``, ``main`` or ``html`` sets
the article's language. ``<!-- captioncheck: disable=RULE -->`` and ``enable=`` suppress a range.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from ..document import Kind
from ..policy import parse_directive, ranges
from .builder import LineIndex, SegmentBuilder
from .structure import Parsed, RawSegment

BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "blockquote", "dd", "dt",
                    "td", "th", "caption", "div", "section", "figure", "article", "main", "body", "nav", "header",
                    "footer", "aside"})
SKIPPED = frozenset({"script", "style", "code", "pre", "template", "svg", "noscript", "math", "textarea",
                     "select", "button", "iframe", "object", "head", "title"})
FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
CONTAINERS = ("article", "main")
VOID = frozenset({"img", "br", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed",
                  "param", "track"})


class _Tokenizer(HTMLParser):
    def __init__(self, text: str, scoped: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.index = LineIndex(text)
        self.scoped = scoped  # only the content of article/main counts
        self.stack: list[str] = []
        self.segments: list[RawSegment] = []
        self.builders: list[tuple[str, SegmentBuilder]] = []
        self.block = 0
        self.figure_block: int | None = None
        self.language: str | None = None
        self.directives: list[tuple[int, str, frozenset[str] | None]] = []
        self.title_seen = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.index.starts[line - 1] + column

    def _inside(self, names) -> bool:
        return any(tag in names for tag in self.stack)

    def _active(self) -> bool:
        if self._inside(SKIPPED) or self._inside(FURNITURE) and not self._furniture_in_body():
            return False
        return not self.scoped or self._inside(CONTAINERS)

    def _furniture_in_body(self) -> bool:
        """Furniture nested inside the article's body counts as content that leaked in."""
        if not self.scoped:
            return False
        first = next((i for i, tag in enumerate(self.stack) if tag in CONTAINERS), None)
        return first is not None and all(tag not in FURNITURE for tag in self.stack[:first])

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("html", *CONTAINERS) and attributes.get("lang") and (self.language is None or tag != "html"):
            self.language = attributes["lang"].split("-")[0].lower()
        if tag in VOID:
            if tag == "img" and self._active():
                self._image(attributes)
            if self.builders:
                self.builders[-1][1].space()  # "one<br>two" is two words
            return
        if tag in BLOCKS:
            self._close_builder()
        if tag == "figure":
            self.figure_block = self.block
        self.stack.append(tag)
        if tag in BLOCKS and self._active():
            self.builders.append((tag, SegmentBuilder(self.index)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in BLOCKS:
                self._close_builder(top)
            if top == "figure":
                self.figure_block = None
                self.block += 1
            if top == tag:
                break
        if tag in BLOCKS and self.stack and self.stack[-1] in BLOCKS and self._active():
            self.builders.append((self.stack[-1], SegmentBuilder(self.index)))  # text after a nested block

    def _close_builder(self, tag: str | None = None) -> None:
        if not self.builders:
            return
        name, builder = self.builders[-1]
        if tag is not None and name != tag:
            return
        self.builders.pop()
        kind = self._kind(name)
        segment = builder.build(self.figure_block if self.figure_block is not None else self.block, kind)
        if segment is not None:
            self.segments.append(segment)
            if self.figure_block is None:
                self.block += 1

    def _kind(self, tag: str) -> Kind | None:
        if tag == "figcaption" or self.figure_block is not None:
            return Kind.CAPTION
        if tag == "h1" and not self.title_seen:
            self.title_seen = True
            return Kind.TITLE
        return None  # the shape of the text decides (see structure.assign_kinds)

    def _image(self, attributes: dict) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        for name in ("alt", "title"):
            value = attributes.get(name)
            if not value or not value.strip():
                continue
            at = raw.find(value)
            builder = SegmentBuilder(self.index)
            builder.add(value, start + at if at >= 0 else start)
            block = self.figure_block if self.figure_block is not None else self.block
            segment = builder.build(block, Kind.CAPTION)
            if segment is not None:
                self.segments.append(segment)
        if self.figure_block is None:
            self.block += 1

    def handle_data(self, data):
        if self.builders and self._active():
            self.builders[-1][1].add(data, self._offset())

    def handle_entityref(self, name):
        if self.builders and self._active():
            self.builders[-1][1].add(html.unescape(f"&{name};"), self._offset())

    def handle_charref(self, name):
        if self.builders and self._active():
            self.builders[-1][1].add(html.unescape(f"&#{name};"), self._offset())

    def handle_comment(self, data):
        directive = parse_directive(data)
        if directive is not None and directive[0] != "ignore":
            self.directives.append((self.getpos()[0], *directive))


def read_html(text: str) -> Parsed:
    lowered = text.lower()
    scoped = any(f"<{tag}" in lowered for tag in CONTAINERS)
    tokenizer = _Tokenizer(text, scoped)
    tokenizer.feed(text)
    tokenizer.close()
    while tokenizer.builders:
        tokenizer._close_builder()
    segments = sorted(tokenizer.segments, key=lambda s: (s.pieces[0].line, s.pieces[0].column))
    suppressions = ranges(tokenizer.directives, len(tokenizer.index.starts))
    return Parsed(segments, tuple(suppressions), tokenizer.language)
