from pathlib import Path

import pytest

from captioncheck.document import Kind
from captioncheck.errors import InputError
from captioncheck.readers import decode, read_document

from conftest import document_from

ARTICLE = """Titre de l'article sans point final

Un chapeau qui résume l'article

Jean DUPONT / AFP - Une légende de photo
Jean DUPONT / AFP - A photo caption

Premier paragraphe du corps de l'article, qui se termine par un point.

Lire aussi
"""


def test_kinds_of_a_plain_text_article():
    document = document_from(ARTICLE)
    assert [(s.line, s.kind) for s in document.segments] == [
        (1, Kind.TITLE), (3, Kind.STANDFIRST), (5, Kind.CAPTION), (6, Kind.CAPTION), (8, Kind.BODY),
        (10, Kind.BOILERPLATE),
    ]


def test_credit_alone_is_a_credit():
    document = document_from("Titre\n\nPhoto : Jean DUPONT / Reuters\n\nCorps de l'article, avec un point.\n")
    assert document.segments[1].kind is Kind.CREDIT


def test_line_beside_a_caption_sharing_its_credit_is_a_caption():
    text = ("Titre\n\nChapeau\n\nCorps de l'article, avec un point.\n\n"
            "(Reuters) Les pompiers évacuent des habitants.\nThe firemen evacuate residents, a long line. (Reuters)\n")
    kinds = [s.kind for s in document_from(text).segments]
    assert kinds[-2:] == [Kind.CAPTION, Kind.CAPTION]


def test_hard_wrapped_paragraph_is_one_segment_with_positions_per_line():
    text = ("Titre\n\nChapeau\n\n"
            "Ceci est un paragraphe coupé à la main, comme dans un courriel\n"
            "  ou un fichier texte ancien, et il continue sur la ligne suivante.\n")
    body = document_from(text).segments[2]
    assert body.kind is Kind.BODY
    assert body.line == 5 and body.end_line == 6
    offset = body.text.index("ou un fichier")
    assert body.position(offset) == (6, 3)
    assert body.offset(6, 3) == offset


def test_columns_count_leading_spaces_and_characters():
    document = document_from("   Élan du titre ici\n")
    segment = document.segments[0]
    assert segment.text == "Élan du titre ici"
    assert segment.position(segment.text.index("titre")) == (1, 12)


def test_crlf_and_bom(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_bytes("\ufeffTitre\r\n\r\nCorps de l'article.\r\n".encode("utf-8"))
    segments = read_document(article).segments
    assert [(s.line, s.text) for s in segments] == [(1, "Titre"), (3, "Corps de l'article.")]
    assert segments[0].position(0) == (1, 1)


def test_binary_and_non_utf8_are_input_errors():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="not valid UTF-8.*0xe9 at offset 3"):
        decode("café".encode("latin-1"))


def test_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_empty_file_has_no_segments(tmp_path: Path):
    article = tmp_path / "empty.txt"
    article.write_bytes(b"")
    assert read_document(article).segments == ()
