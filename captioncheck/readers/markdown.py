"""Markdown articles (CommonMark, with YAML or TOML front matter and Hugo figure shortcodes).

Front matter is read for the article's language (``lang``, ``language`` or ``locale``) and is not
checked as prose; front matter that cannot be read (invalid, nested too deep, over 64 KB) makes
the file an error, as it would for a site generator; code blocks and inline code are skipped. Captions are what Markdown gives them:
an image's alt text and title, the text beside an image in its paragraph (the usual italic line under
it), an italic-only paragraph right after an image, the ``caption``/``alt``/``title`` of a Hugo
``{{< figure >}}`` shortcode or a Jekyll ``{% include figure.html %}``, and raw HTML figures
(``<figure>``, ``<img alt>``, ``<figcaption>``), read by the HTML reader in place. The first level-one heading is the title. A
paragraph's lines are one segment when they are wrapped prose, and segments of their own where a
line ends a sentence or has a caption's shape (a caption written under its translation, a credit
line), as in a plain-text article. Positions are those of the original file, front matter included.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace

import regex

from .. import patterns
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..document import Kind
from ..errors import InputError
from ..suppressions import Suppression, parse_directive, ranges
from .builder import LineIndex, SegmentBuilder
from .html import read_fragment
from .structure import Parsed, RawSegment, breaks_between_lines, repeats

_FRONT_MATTER = patterns.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>.*?\n)?(?P=fence)[ \t]*(?:\n|\Z)", regex.DOTALL)
_COMMENT = patterns.compile(r"<!--(?P<body>.*?)-->", regex.DOTALL)
# Hugo's {{< figure ... >}} and {{% figure ... %}}, Jekyll's {% include figure.html ... %}.
_SHORTCODE = patterns.compile(
    r"\{\{[<%]\s*figure\b(?P<attrs>[^{}]{0,4000}?)[>%]\}\}|\{%-?\s*include\s+figure[\w.-]*(?P<attrs>[^{}]{0,4000}?)-?%\}")
_ATTRIBUTE = patterns.compile(r"(?P<name>\w+)\s*=\s*(?:\"(?P<value>[^\"]*)\"|'(?P<value>[^']*)')")
_SHORTCODE_CAPTIONS = ("caption", "alt", "title", "attr")
_LANGUAGE_KEYS = ("lang", "language", "locale")
MAX_FRONT_MATTER_CHARS = 65_536


def _front_matter(text: str) -> tuple[str, str | None]:
    """The text with its front matter blanked (line count kept), and the language it declares."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, None
    body = match.group("body") or ""
    kind = "YAML" if match.group("fence") == "---" else "TOML"
    if len(body) > MAX_FRONT_MATTER_CHARS:
        raise InputError(f"front matter larger than {MAX_FRONT_MATTER_CHARS:,} characters")
    try:
        data = yaml.safe_load(body) if kind == "YAML" else tomllib.loads(body)
    except RecursionError:
        raise InputError(f"{kind} front matter nested too deep") from None
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as error:
        reason = " ".join(str(error).split())
        raise InputError(f"{kind} front matter cannot be read: {reason[:120]}") from None
    language = None
    if isinstance(data, dict):
        for key in _LANGUAGE_KEYS:
            if isinstance(data.get(key), str) and data[key].strip():
                language = regex.split(r"[-_]", data[key].strip())[0].lower()
                break
    blanked = regex.sub(r"[^\n]", " ", match.group(0))
    return blanked + text[match.end():], language


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.line_starts = self.index.starts
        self.segments: list[RawSegment] = []
        self.block = 0
        self.title_seen = False
        self.after_image = False

    def offset_of_line(self, line: int) -> int:
        return self.line_starts[min(line, len(self.line_starts) - 1)]

    def emit(self, builder: SegmentBuilder, kind: Kind | None) -> None:
        segment = builder.build(self.block, kind)
        if segment is not None:
            self.segments.append(segment)

    def html_block(self, token: Token) -> None:
        """Raw HTML (a ``<figure>`` pasted from the CMS): read with the HTML reader, in place."""
        assert token.map is not None
        start, end = self.offset_of_line(token.map[0]), self.offset_of_line(token.map[1])
        if token.map[1] >= len(self.line_starts):
            end = len(self.text)
        segments = read_fragment(self.text, self.index, start, end)
        for segment in segments:
            self.segments.append(replace(segment, block=self.block))
        self.after_image = any(segment.kind is Kind.CAPTION for segment in segments)
        self.block += 1

    def inline(self, token: Token, kind: Kind | None) -> None:
        """One paragraph or heading: its images become captions, the rest one segment."""
        start = self.offset_of_line(token.map[0]) if token.map else 0
        cursor = start
        children = token.children or []
        has_image = any(child.type == "image" for child in children)
        only_emphasis = _only_emphasis(children)
        builder = SegmentBuilder(self.index)
        done: list[SegmentBuilder] = []  # the paragraph's segments before ``builder``
        breaks, line_end = self._segment_breaks(token), 0
        emphasis: list[int] = []  # where each open emphasis starts in the builder's text
        for child in children:
            if child.type in ("em_open", "strong_open"):
                emphasis.append(builder.length)
            elif child.type in ("em_close", "strong_close") and emphasis:
                start = emphasis.pop()
                if child.type == "em_close":  # italics set a title apart; bold is emphasis only
                    builder.set_apart(start)
            elif child.type == "text":
                cursor = self._text(child.content, builder, cursor)
            elif child.type in ("softbreak", "hardbreak"):
                if line_end in breaks:
                    done.append(builder)
                    builder, emphasis = SegmentBuilder(self.index), []
                else:
                    builder.space()
                line_end += 1
            elif child.type == "code_inline":
                at = self.text.find(child.content, cursor)
                cursor = at + len(child.content) if at >= 0 else cursor
                builder.space()
            elif child.type == "image":
                cursor = self._image(child, cursor)
        caption_under_image = only_emphasis and self.after_image and not has_image
        if has_image or caption_under_image:
            kind = Kind.CAPTION
        if caption_under_image:
            self.block -= 1  # the caption line under an image fills the image's slot
        for line in (*done, builder):
            self.emit(line, kind)
        self.after_image = has_image
        self.block += 1

    def _segment_breaks(self, token: Token) -> frozenset[int]:
        """Which of the paragraph's line ends end a segment (:func:`breaks_between_lines`)."""
        if not token.map or token.map[1] - token.map[0] < 2:
            return frozenset()
        return breaks_between_lines(
            self.text[self.offset_of_line(token.map[0]):self.offset_of_line(token.map[1])].splitlines())

    def _text(self, content: str, builder: SegmentBuilder, cursor: int) -> int:
        """Text, with figure shortcodes in it turned into captions of their own."""
        shortcode = _SHORTCODE.search(content)
        if shortcode is None:
            return builder.add_located(content, self.text, cursor)
        cursor = builder.add_located(content[:shortcode.start()], self.text, cursor) if shortcode.start() else cursor
        at = self.text.find(shortcode.group(0), cursor)
        base = at if at >= 0 else cursor
        for attribute in _ATTRIBUTE.finditer(shortcode.group("attrs")):
            if attribute.group("name").lower() in _SHORTCODE_CAPTIONS and attribute.group("value").strip():
                caption = SegmentBuilder(self.index)
                caption.add(attribute.group("value"), base + shortcode.start("attrs") - shortcode.start()
                            + attribute.start("value"))
                self.emit(caption, Kind.CAPTION)
        cursor = base + len(shortcode.group(0))
        rest = content[shortcode.end():]
        return self._text(rest, builder, cursor) if rest.strip() else cursor

    def _image(self, image: Token, cursor: int) -> int:
        opening = self.text.find("![", cursor)
        cursor = opening + 2 if opening >= 0 else cursor
        alt = SegmentBuilder(self.index)
        for child in image.children or []:
            if child.type == "text":
                cursor = alt.add_located(child.content, self.text, cursor)
        self.emit(alt, Kind.CAPTION)
        title = image.attrs.get("title")
        alt_text = "".join(child.content for child in image.children or [] if child.type == "text")
        if isinstance(title, str) and title.strip() and not repeats(title, alt_text):
            found = self.text.find(title, cursor)
            caption = SegmentBuilder(self.index)
            caption.add(title, found if found >= 0 else cursor)
            self.emit(caption, Kind.CAPTION)
            cursor = found + len(title) if found >= 0 else cursor
        closing = self.text.find(")", cursor)
        return closing + 1 if closing >= 0 else cursor


def _only_emphasis(children: list[Token]) -> bool:
    meaningful = [c for c in children if not (c.type == "text" and not c.content.strip())]
    return bool(meaningful) and meaningful[0].type == "em_open" and meaningful[-1].type == "em_close"


def read_markdown(text: str) -> Parsed:
    body, language = _front_matter(text)
    reader = _Reader(body)
    tokens = MarkdownIt("commonmark").parse(body)
    pending_kind: Kind | None = None
    for token in tokens:
        if token.type == "heading_open":
            pending_kind = Kind.TITLE if token.tag == "h1" and not reader.title_seen else Kind.BODY
            reader.title_seen = reader.title_seen or token.tag == "h1"
        elif token.type == "inline":
            reader.inline(token, pending_kind)
            pending_kind = None
        elif token.type == "html_block" and token.map:
            reader.html_block(token)
        elif token.type in ("fence", "code_block", "hr"):
            reader.after_image = False
    directives = []
    for match in _COMMENT.finditer(body):
        directive = parse_directive(match.group("body"))
        if directive is not None and directive[0] != "ignore":
            directives.append((reader.index.position(match.start())[0], *directive))
    suppressions: list[Suppression] = ranges(directives, len(reader.line_starts))
    return Parsed(reader.segments, tuple(suppressions), language)
