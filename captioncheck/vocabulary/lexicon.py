"""Shared vocabulary of news pages: photo credits, agencies, interface labels and navigation debris.

The readers use it to give segments a kind, the language detector to mask what is not prose, and
the rules to report leftovers. Everything is a compiled pattern; matching returns character spans.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from .. import patterns
from . import credits
from .credits import Credit

ICON_LIGATURES = (
    "photo_camera", "camera_alt", "add_a_photo", "insert_photo", "photo_library", "photo_size_select_actual",
    "play_arrow", "play_circle", "play_circle_filled", "play_circle_outline", "pause_circle", "videocam",
    "zoom_in", "zoom_out", "zoom_out_map", "open_in_new", "open_in_full", "expand_more", "expand_less",
    "chevron_left", "chevron_right", "arrow_back", "arrow_forward", "arrow_back_ios", "arrow_forward_ios",
    "more_vert", "more_horiz", "mode_comment", "bookmark_border", "access_time", "volume_up", "volume_off",
    "fullscreen_exit", "burst_mode", "filter_none", "content_copy", "format_quote", "keyboard_arrow_down",
    "keyboard_arrow_right", "keyboard_arrow_left", "keyboard_arrow_up", "navigate_next", "navigate_before",
    "local_offer", "visibility", "collections", "fullscreen", "slideshow",
)
_ICON = r"(?<![\p{L}\d_])" + credits.alternation(ICON_LIGATURES) + r"(?![\p{L}\d_])"

# Labels of page furniture that leak into copied captions and paragraphs.
UI_LABELS = (
    "Image caption", "Media caption", "Image source", "Image copyright", "Caption", "Toggle caption",
    "hide caption", "show caption", "Enlarge this image", "Enlarge image", "Click to enlarge",
    "Pie de foto", "Ampliar", "Ver galería", "Abrir galería", "Ampliar imagen", "Ver fotos",
    "Légende", "Agrandir", "Agrandir l'image", "Voir la galerie", "Voir les photos",
    "Bildunterschrift", "Bild vergrößern", "Didascalia", "Ingrandisci", "Legenda",
    "Share", "Share this article", "Share on Facebook", "Share on Twitter", "Copy link", "Print",
    "Partager", "Partager cet article", "Copier le lien", "Imprimer",
    "Compartir", "Compartir en Facebook", "Compartir en Twitter", "Copiar enlace", "Imprimir",
    "Teilen", "Drucken", "Condividi", "Stampa", "Compartilhar",
    "Listen to this article", "Écouter cet article", "Escuchar este artículo", "Play video", "Watch video",
    "Lire la vidéo", "Ver vídeo", "Reproducir vídeo",
)
_UI_LABEL = credits.alternation(UI_LABELS)

# Navigation and footer leftovers; they are only boilerplate as a short segment of their own.
_SECTION_LINK = (
    r"(?:Plus dans|Plus de|Tout sur|Más en|Más de|Más noticias de|More in|More from|More on|Mehr aus|"
    r"Mehr zum Thema|Mehr zu|Altro in|Altre notizie|Mais em|Mais de|Meer in)"
)
_LINK_PHRASE = (
    r"(?:Lire aussi|À lire aussi|A lire aussi|Lire la suite|Voir aussi|Lire plus|En savoir plus|Sur le même sujet|"
    r"Leer más|Lee también|Lea también|Te puede interesar|Más información|Noticias relacionadas|Seguir leyendo|"
    r"Read more|Read also|Also read|Related|Related articles|Related stories|See also|Continue reading|"
    r"More stories|Recommended|Weiterlesen|Lesen Sie auch|Auch interessant|Leggi anche|Leggi di più|"
    r"Continua a leggere|Leia também|Leia mais|Saiba mais|Veja também|"
    r"Advertisement|Publicité|Publicidad|Anzeige|Pubblicità|Sponsored|Contenu sponsorisé|"
    r"Subscribe|Abonnez-vous|Suscríbete|Newsletter|Tags|Etiquetas|Mots-clés|Mots clés|Temas|Themen)"
)

ICON_PATTERN = patterns.compile(_ICON)
UI_LABEL_PATTERN = patterns.compile(rf"(?<![\p{{L}}])(?P<label>{_UI_LABEL})(?:[ \t]*[:,|]|[ \t]*$)", regex.IGNORECASE)
BOILERPLATE_PATTERNS = (
    patterns.compile(rf"^{_SECTION_LINK}[ \t]+\p{{Lu}}[\p{{L}}' -]*$"),
    patterns.compile(rf"^{_LINK_PHRASE}[ \t]*(?:[:›»>|-].*)?$", regex.IGNORECASE),
)
BOILERPLATE_MAX_WORDS = 12


def find_credits(text: str) -> list[Credit]:
    """Every photo credit in ``text`` (see :mod:`captioncheck.vocabulary.credits`), icon words and labels skipped."""
    return list(_credits_after_lead(text))


@functools.lru_cache(maxsize=1 << 18)  # every segment of a 100,000-paragraph file, searched once
def _credits_after_lead(text: str) -> tuple[Credit, ...]:
    lead = 0
    for start, end in find_icons(text) + find_ui_labels(text):
        if text[lead:start].strip(" \t:|-–—"):
            break
        lead = max(lead, end)
    if lead and text[lead:lead + 1] in ":|":
        lead += 1
    return tuple(credits.find_credits(text, lead))


def credit_keys(text: str) -> set[str]:
    """The credits of ``text``, reduced for comparison (see :attr:`Credit.key`)."""
    return {credit.key for credit in find_credits(text)}


_NOT_NEWLINE = patterns.compile(r"[^\n]")

def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (line breaks kept): same length, same offsets."""
    parts, cursor = [], 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if start >= end:
            continue
        parts.append(text[cursor:start])
        piece = text[start:end]
        parts.append(" " * len(piece) if "\n" not in piece else _NOT_NEWLINE.sub(" ", piece))
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def without_credits(text: str) -> str:
    """``text`` with its credits blanked out, offsets kept."""
    return blank(text, [(c.start, c.end) for c in find_credits(text)])


def is_credit_only(text: str) -> bool:
    """True when nothing but a credit (and punctuation) is left once credits are removed."""
    return bool(find_credits(text)) and not any(ch.isalnum() for ch in without_credits(text))


def find_icons(text: str) -> list[tuple[int, int]]:
    """Spans of icon-font ligatures such as ``photo_camera``."""
    if "_" not in text:  # every ligature has one; most text has none, and the search is not cheap
        return []
    return [m.span() for m in ICON_PATTERN.finditer(text)]


def find_ui_labels(text: str) -> list[tuple[int, int]]:
    """Spans of interface labels at the start of a segment (``Image caption``, ``Partager``)."""
    match = UI_LABEL_PATTERN.match(text.lstrip())
    if not match:
        return []
    skip = len(text) - len(text.lstrip())
    return [(skip + match.start("label"), skip + match.end("label"))]


def is_boilerplate(text: str) -> bool:
    """True for a short navigation or footer leftover (``Plus dans Politique``, ``Read more``)."""
    stripped = text.strip()
    if not stripped or len(stripped.split()) > BOILERPLATE_MAX_WORDS or stripped[-1] in ".!?":
        return False
    return any(p.match(stripped) for p in BOILERPLATE_PATTERNS)


def content(text: str) -> str:
    """``text`` without its credits, icon words and interface labels: what a caption says."""
    spans = [(c.start, c.end) for c in find_credits(text)] + find_icons(text) + find_ui_labels(text)
    return " ".join(blank(text, spans).split()).strip(" -–—:|")
