"""captioncheck: find untranslated captions and mistranslations in translated news articles."""

__version__ = "0.1.0"
