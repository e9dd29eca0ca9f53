"""captioncheck's scoring of py3langid's model gives py3langid's own rankings, over the checked languages."""

from __future__ import annotations

from captioncheck.langid.engines import DEFAULT_LANGUAGES
from captioncheck.langid.ngram import NgramModel

from conftest import DATA, ROOT


def _texts() -> list[str]:
    lines = [line for path in sorted(DATA.iterdir()) if not path.name.endswith(".expected")
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = (ROOT / "data" / "pairs" / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    return lines + [cell for row in pairs for cell in row.split("\t")[3:]] + [
        "", "   ", "12 345", "ÉTÉ À PARIS", "x\ud800y", "a" * 5000, "Ελληνικά και русский"]


def test_rankings_equal_py3langids_own():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    reference.set_languages(list(DEFAULT_LANGUAGES))
    ours = NgramModel(DEFAULT_LANGUAGES)
    texts = _texts()
    assert len(texts) > 300
    for text in texts:
        expected = [(language, float(p)) for language, p in reference.rank(text)]
        got = ours.rank(text)
        assert [language for language, _ in got] == [language for language, _ in expected], text
        assert max(abs(a[1] - b[1]) for a, b in zip(got, expected)) < 1e-6, text
