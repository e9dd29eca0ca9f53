"""The grammar of photo credits, as agencies and newspapers write them, in one place.

A credit names who made or distributed a picture. It sits in one of four places:

- **before the caption**, ended by a dash, bar or colon: ``Sergei SUPINSKY / AFP - El presidente ...``,
  ``AFP / Name Surname - ...``, ``Foto: EFE - ...``, ``Photo : AGENCY - ...``, ``Imagen de archivo - ...``;
  or by nothing when it links its parts and ends with an agency: ``Getty Images via AFP Des soldats ...``,
  ``Name SURNAME/AFP via Getty Images The Capitol ...``;
- **after the caption**, at its very end: ``... à droite. Photo: Name / AGENCY``, ``... REUTERS/Name``,
  ``... Photo by Name/AGENCY via Getty Images``, ``... . Jane Doe for The New York Times``;
- **in brackets** anywhere: ``(Reuters)``, ``(AFP/Name)``, ``(Foto: EFE)``, ``(Photo: Name / AGENCY)``;
- **after a copyright sign**: ``© Name / AGENCY``, ``©AFP``.

Its body is a chain of photographers and agencies joined by ``/`` (``AGENCY / POOL / Name``), maybe
followed by ``via Agency`` or ``for The Publication``, or an archive note (``Imagen de archivo``,
``AFP/Archives``, ``File photo``). A label (``Foto:``, ``Fotos:``, ``Imagen:``, ``Photo :``,
``Crédit photo :``, ``Bild:``, ``Photo by``...) may open it.

Without a label, bracket or copyright sign a chain must look like a credit on its own: it names a
known agency, or joins names with ``/`` and writes one of them in capitals (``Name SURNAME / AGENCY``).
``Paris / Lyon`` in prose is no credit, and a credit never swallows caption prose: it ends where the
names end. Where nothing separates it from its caption (after ``©``, or before the caption with no
dash), the names stop at an agency unless a slash follows it (``© Reuters Soldados ucranianos``), and
before a last word that opens sentences (``© Reuters / Jane Doe Le stade``). Every pattern runs in
time linear in the text (credits are sought only at the start, the end, in brackets and after ``©``,
with bounded repetition; :func:`captioncheck.vocabulary.lexicon.find_credits` memoises the answer, since segment
kinds, masking and the rules all ask about the same texts).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from .. import patterns
from .openers import SENTENCE_OPENERS

AGENCIES = (
    "AFP", "Reuters", "REUTERS", "EFE", "AP", "Associated Press", "EPA", "EPA-EFE", "Getty Images",
    "Getty", "dpa", "DPA", "ANSA", "Europa Press", "EUROPA PRESS", "Bloomberg", "Xinhua", "Anadolu",
    "Anadolu Agency", "Sipa", "SIPA", "Sipa USA", "Shutterstock", "Keystone", "Belga", "ANP", "PA", "PA Wire",
    "Pool", "POOL", "Gamma", "Gamma-Rapho", "Hans Lucas", "Abaca", "ABACA", "NurPhoto", "Zuma", "ZUMA",
    "ZUMA Press", "Imago", "IMAGO", "Agencia EFE", "TASS", "Sputnik", "Kyodo", "Yonhap", "Telam", "Télam",
    "Agência Brasil", "Lusa", "LUSA", "Wikimedia Commons", "AP Photo", "Alamy", "Magnum", "MAXPPP", "Maxppp",
    "Hans Lucas", "Divergence", "Contrasto", "LaPresse", "Agencia Uno", "Cuartoscuro", "Folhapress",
    "Agência O Globo", "Ullstein Bild", "picture alliance", "picture-alliance", "Bildagentur", "Redux",
    "The New York Times", "Getty Images Europe", "Getty Images North America", "WireImage", "Panoramic",
    "Handout", "HANDOUT",
)


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of ``words`` literally, longest first (so "EPA-EFE" before "EPA")."""
    return "(?:" + "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


# Credits shout agencies as often as they name them: "KEYSTONE/Name", "ANSA/NAME".
_AGENCY_FORMS = tuple(dict.fromkeys(AGENCIES + tuple(agency.upper() for agency in AGENCIES)))
_AGENCY = alternation(_AGENCY_FORMS) + r"(?![\p{L}\d])"
_AGENCY_PATTERN = patterns.compile(rf"(?<![\p{{L}}\d]){_AGENCY}")
_CAPS_WORD = patterns.compile(r"(?<![\p{L}\d])\p{Lu}[\p{Lu}\p{M}'’-]*\p{Lu}(?![\p{L}\d])")

_WORD = r"\p{Lu}(?:\.|[\p{L}\p{M}'’-]{0,30}(?<![-'’]))"
_PARTICLE = r"(?:de|da|del|della|di|do|dos|das|du|van|von|der|den|la|le|y|e|al|el|bin|ibn)"
_PERSON = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_WORD}){{0,3}}"
_ARCHIVE_WORD = r"(?:Archives?|Archivo|Archivio|Arquivo|Archiv|File|Handout)"
ARCHIVE_NOTES = (
    "Imagen de archivo", "Imágenes de archivo", "Foto de archivo", "Fotografía de archivo", "Photo d'archives",
    "Photo d’archives", "Image d'archives", "Image d’archives", "Archive photo", "Archive image", "File photo",
    "File image", "Archivbild", "Archivfoto", "Foto d'archivio", "Foto d’archivio", "Immagine d'archivio",
    "Foto de arquivo", "Imagem de arquivo", "Archives", "Archivo", "Archivio", "Arquivo", "Archive",
)
_ARCHIVE_NOTE = alternation(ARCHIVE_NOTES)
# Agencies the name pattern already reads ("AFP", "Getty Images") need no alternative of their own:
# one for the few it cannot ("dpa", "picture alliance") keeps the patterns small and quick to compile.
_UNNAMED_AGENCIES = [agency for agency in _AGENCY_FORMS if not regex.fullmatch(_PERSON, agency)]
_ENTITY = rf"(?:{alternation(_UNNAMED_AGENCIES)}(?![\p{{L}}\d])|{_PERSON})"
_LINK = r"[ \t]*/[ \t]*"
_CHAIN = rf"{_ENTITY}(?:{_LINK}(?:{_ARCHIVE_WORD}(?![\p{{L}}])|{_ENTITY})){{0,4}}"
_SUFFIX = rf"(?:[ \t]+(?:via|vía|para|pour|per|für|for)[ \t]+(?:The[ \t]+)?{_ENTITY})?"

LABELS = (
    "Crédit photo", "Crédits photo", "Crédit", "Crédits", "Photo credit", "Photo", "Photos", "Foto", "Fotos",
    "Fotografía", "Fotografia", "Fotografie", "Image", "Images", "Imagen", "Imágenes", "Imagem", "Bild", "Bilder",
    "Credit", "Credits", "Crédito", "Créditos", "Source", "Sources", "Fuente", "Quelle", "Fonte", "Photograph",
    "Picture", "Pictures", "Illustration", "Ilustración", "Vídeo", "Video",
)
_LABEL_WORD = alternation(LABELS)
_LABEL = rf"(?:{_LABEL_WORD}[ \t]*:|(?:Photo|Photos|Photograph|Picture|Image)[ \t]+(?:by|courtesy[ \t]+of)" \
         rf"|Foto(?:s)?[ \t]+(?:de|di|von)|Photo[ \t]+de)[ \t]*"

_BODY = rf"(?P<body>{_ARCHIVE_NOTE}(?![\p{{L}}])|{_CHAIN}{_SUFFIX})"
_SEPARATOR = r"[ \t]*[-–—|:][ \t]+"
_ICON_OR_SPACE = r"[ \t]*"

# (The end of a line is "[ \t]*(?:\.[ \t]*)?$", never "[ \t]*\.?[ \t]*$": two runs of spaces with nothing
# between them split a long run of spaces every way, which is quadratic.)
_LINE_END = r"[ \t]*(?:\.[ \t]*)?$"
LEADING = patterns.compile(rf"(?P<label>{_LABEL})?{_BODY}(?={_SEPARATOR}|{_LINE_END})")
BARE_REACH = 200  # a leading credit without a separator links its parts within this many characters
# A leading credit with no separator before the caption ("Getty Images via AFP Soldados ucranianos..."):
# taken only when it names an agency and links its parts (/, via), and cut after its last agency.
LEADING_BARE = patterns.compile(rf"(?P<label>{_LABEL})?{_BODY}(?=[ \t]+\p{{Lu}})")
TRAILING = patterns.compile(rf"(?:(?<=^)|(?<=[ \t]))(?P<label>{_LABEL})?{_BODY}{_LINE_END}")
BRACKETED = patterns.compile(rf"[(\[][ \t]*(?P<label>{_LABEL})?{_BODY}[ \t]*[)\]]")
COPYRIGHT = patterns.compile(rf"©[ \t]*(?:\d{{4}}[ \t]+)?(?P<label>{_LABEL})?{_BODY}")
TRAILING_WINDOW = 240
# What any trailing credit has near it: a slash, a label's colon, a dash, "by"/"via"/"for" after a label,
# an archive word, or a short last sentence (". REUTERS"). Plain substring tests: without one of them,
# the TRAILING pattern is not tried at every position of the window.
_TRAILING_HINTS = ("/", ":", "©", "|", " - ", " – ", " — ", " via ", " vía ", " for ", " para ", " pour ",
                   " per ", " für ", "oto ", "icture ", "mage ", "rchiv", "File", "Handout")
_SENTENCE_ENDS = ".!?…)]»”\""
SHORT_TAIL = 80


def _may_end_with_credit(tail: str, whole: bool) -> bool:
    if any(hint in tail for hint in _TRAILING_HINTS):
        return True
    end = max(tail.rstrip(" \t.").rfind(ch) for ch in _SENTENCE_ENDS)
    if end < 0:
        return whole and len(tail) <= SHORT_TAIL
    return 0 < len(tail[end + 1:].strip()) <= SHORT_TAIL


_VIA = patterns.compile(r"[ \t]+(?:via|vía)[ \t]+.*$")
_BARE_LABEL = patterns.compile(rf"^{_LABEL_WORD}[ \t]+(?=\S)")
_KEY_PARTS = patterns.compile(r"[/|]")


@dataclass(frozen=True)
class Credit:
    """A photo credit: its span in the text (label, brackets or © included) and the credit proper."""

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """The credit reduced for comparison: its parts in letters only, case-folded and sorted, without
        the distributor or a label left without its colon.

        ``Name/AFP via Getty Images`` and ``Name/AFP`` credit the same picture, and so do ``EFE/Name``
        and ``Name / EFE``, or ``Photo by Name/Getty Images`` and ``Photo Name/Getty Images``.
        """
        text = _BARE_LABEL.sub("", _VIA.sub("", self.text))
        parts = ("".join(ch for ch in part.casefold() if ch.isalnum()) for part in _KEY_PARTS.split(text))
        return "/".join(sorted(part for part in parts if part))


_SENTENCE_END = patterns.compile(r"(?:^|[.!?…:|»”\")\]]|\s[-–—])[ \t]*$")
_INITIAL_END = patterns.compile(r"(?<![\p{L}])\p{L}\.$")


_ARCHIVE_NOTE_PATTERN = patterns.compile(_ARCHIVE_NOTE)
_DISTRIBUTOR_WORD = patterns.compile(r"[ \t](?:via|vía|for|para|pour|per|für)[ \t]")

def _stands_alone(body: str) -> bool:
    """An unlabelled chain is a credit when it names an agency, or joins names with / and shouts one."""
    if _ARCHIVE_NOTE_PATTERN.fullmatch(body):
        return True
    if _AGENCY_PATTERN.search(body):
        return True
    return "/" in body and bool(_CAPS_WORD.search(body))


def _last_agency(text: str, start: int, end: int) -> regex.Match | None:
    last = None
    for last in _AGENCY_PATTERN.finditer(text, start, end):
        pass
    return last


def _agency_end(text: str, start: int, end: int) -> int:
    """Where a credit that runs on into its caption ends: after its last agency, when only capitalised
    words follow it, linked by no "/" ("© Reuters Soldados ucranianos...": the names of a credit stop
    at an agency, and a photographer after one comes after a slash)."""
    last = _last_agency(text, start, end)
    if last is None or "/" in text[last.end():end] or not text[last.end():end].strip():
        return end
    return last.end()


def _opener_cut(text: str, start: int, end: int) -> int:
    """Where a credit ends that has taken the first word of its caption ("© Reuters / Jane Doe Le
    stade..."): before a last word that opens sentences."""
    space = max(text.rfind(" ", start, end), text.rfind("\t", start, end))
    if space > start and end < len(text) and text[space + 1:end].casefold() in SENTENCE_OPENERS:
        return space
    return end


def _run_on_start(text: str, start: int, end: int) -> tuple[int, int]:
    """Where a credit that runs on from its caption starts, and where its body does.

    The names of a credit before its first slash are one agency or one person, so a capitalised word
    of the caption may have joined them: the credit starts at the agency its first part names ("... un
    hôpital de Kharkiv AP Photo/Evan Vucci"), and after a first part of one word in lower case but its
    initial, which names no photographer ("... un hôpital de Kharkiv / EFE")."""
    slash = text.find("/", start, end)
    first = _AGENCY_PATTERN.search(text, start, end if slash < 0 else slash)
    if first is not None:
        return first.start(), first.start()
    part = text[start:slash].strip() if slash >= 0 else ""
    if part and " " not in part and not _CAPS_WORD.fullmatch(part):
        body = slash + 1
        while body < end and text[body] in " \t":
            body += 1
        return slash, body
    return start, start


def _ends_with_linked_agency(text: str, start: int, end: int) -> bool:
    """Whether the chain ends with an agency and links its parts ("Name/AGENCY", "Agency via AFP")."""
    body = text[start:end].rstrip(" \t")
    last = _last_agency(body, 0, len(body))
    return last is not None and last.end() == len(body) and _links(body)


def _links(text: str) -> bool:
    """Whether ``text`` links names as a credit does: "Name/AGENCY", "Agency via AFP"."""
    return "/" in text or _DISTRIBUTOR_WORD.search(text) is not None


def _credit(match: regex.Match, text: str, kind: str) -> Credit | None:
    """The credit of a match of one of the patterns, or None when the match is not a credit after all."""
    body_start, body_end = match.span("body")
    if kind in ("copyright", "bare"):
        body_end = _opener_cut(text, body_start, _agency_end(text, body_start, body_end))
    if kind == "bare" and not _ends_with_linked_agency(text, body_start, body_end):
        return None
    while body_end > body_start and text[body_end - 1] in " \t":
        body_end -= 1
    if text[body_end - 1] == "." and not _INITIAL_END.search(text, body_start, body_end):
        body_end -= 1
    body = text[body_start:body_end]
    labelled = bool(match.group("label")) or kind == "copyright"
    if not labelled:
        if kind == "trailing" and "/" not in body and not _SENTENCE_END.search(text, 0, match.start()):
            return None  # "comme le rapporte Reuters." is prose, "... à Nîmes. REUTERS" a credit
        if kind == "trailing" and _DISTRIBUTOR_WORD.search(body):
            labelled = bool(_SENTENCE_END.search(text, 0, match.start()))  # ". Jane Doe for The Times"
        if not (labelled or _stands_alone(body)):
            return None
    start, end = match.span()
    if kind == "trailing" and not labelled and not _SENTENCE_END.search(text, 0, start):
        start, body_start = _run_on_start(text, body_start, body_end)
        body = text[body_start:body_end]
    if kind in ("leading", "trailing", "copyright", "bare"):
        end = body_end
    return Credit(start, end, body)


def find_credits(text: str, lead: int = 0) -> list[Credit]:
    """Every photo credit in ``text``, in order, without overlaps.

    ``lead`` is where the caption proper starts (after an icon word or interface label), the only
    place a leading credit is sought.
    """
    return list(_find_credits(text, lead))


def _find_credits(text: str, lead: int) -> tuple[Credit, ...]:
    found: list[Credit] = []  # apart from each other, by start

    def add(credit: Credit | None) -> None:
        if credit is None:
            return
        at = bisect.bisect_left(found, credit.start, key=lambda c: c.start)
        # the credits are apart and in order: only the neighbours of its place can overlap it
        if any(credit.start < c.end and c.start < credit.end for c in found[max(0, at - 1):at + 1]):
            return
        found.insert(at, credit)

    if "(" in text or "[" in text:
        for match in BRACKETED.finditer(text):
            add(_credit(match, text, "bracketed"))
    if "©" in text:
        for match in COPYRIGHT.finditer(text):
            add(_credit(match, text, "copyright"))
    while lead < len(text) and text[lead] in " \t":
        lead += 1
    leading = LEADING.match(text, lead)
    if leading:
        add(_credit(leading, text, "leading"))
    elif _links(text[lead:lead + BARE_REACH]):  # what a bare credit needs (see _ends_with_linked_agency)
        bare = LEADING_BARE.match(text, lead)
        if bare:
            add(_credit(bare, text, "bare"))
    window = max(0, len(text) - TRAILING_WINDOW)
    if not _may_end_with_credit(text[window:], window == 0):
        return tuple(found)  # nothing a trailing credit could hang on
    for match in TRAILING.finditer(text, window):
        credit = _credit(match, text, "trailing")
        if credit is not None:
            add(credit)
            break
    return tuple(found)
