"""Names of the languages captioncheck talks about, for messages."""

NAMES = {
    "ar": "Arabic", "ca": "Catalan", "de": "German", "en": "English", "es": "Spanish", "eu": "Basque",
    "fr": "French", "gl": "Galician", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "th": "Thai", "tr": "Turkish",
    "uk": "Ukrainian", "zh": "Chinese", "und": "undetermined",
}


def name_of(code: str) -> str | None:
    """The English name of a language code: from the table above, else from CLDR through Babel (loaded
    only for a language the table lacks: it costs 80 ms)."""
    if code in NAMES:
        return NAMES[code]
    try:
        from babel import Locale

        return Locale("en").languages.get(code)
    except (ImportError, ValueError):
        return None


def describe(code: str) -> str:
    """``Spanish (es)`` for ``es``; the bare code for a language without a name."""
    name = name_of(code)
    return f"{name} ({code})" if name else code
