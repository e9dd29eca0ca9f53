"""Names of the languages captioncheck talks about, for messages."""

NAMES = {
    "ar": "Arabic", "ca": "Catalan", "de": "German", "en": "English", "es": "Spanish", "eu": "Basque",
    "fr": "French", "gl": "Galician", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "th": "Thai", "tr": "Turkish",
    "uk": "Ukrainian", "zh": "Chinese", "und": "undetermined",
}


def describe(code: str) -> str:
    """``Spanish (es)`` for ``es``; the bare code for a language without a name here."""
    name = NAMES.get(code)
    return f"{name} ({code})" if name else code
