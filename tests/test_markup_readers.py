"""Markdown and HTML readers: what becomes a segment, of which kind, at which file position."""
import pytest

from captioncheck.document import Kind

from conftest import document_from


def _segments(text: str, input_format: str):
    return [(s.kind, s.text, s.line, s.pieces[0].column) for s in document_from(text, "a", input_format).segments]


def test_markdown_front_matter_code_images_and_shortcodes():
    text = ("---\ntitle: Un titre qui n'est pas vérifié\nlang: es-ES\n---\n\n# El título\n\n"
            "![Texto *alternativo* de la foto](a.jpg \"Título de la foto\")\n*Pie de la foto*\n\n"
            "Un párrafo con `código que no cuenta` y un [enlace](http://x.org) &amp; más.\n\n"
            "```\nEl código no se revisa\n```\n\n"
            '{{< figure src="b.jpg" caption="Leyenda del shortcode" >}}\n')
    document = document_from(text, "a.md", "markdown")
    assert document.declared_language == "es"
    assert _segments(text, "markdown") == [
        (Kind.TITLE, "El título", 6, 3),
        (Kind.CAPTION, "Texto alternativo de la foto", 8, 3),
        (Kind.CAPTION, "Título de la foto", 8, 42),
        (Kind.CAPTION, "Pie de la foto", 9, 2),
        (Kind.BODY, "Un párrafo con y un enlace & más.", 11, 1),
        (Kind.CAPTION, "Leyenda del shortcode", 17, 33),
    ]


def test_markdown_suppression_comments():
    text = "# T\n\n<!-- captioncheck: disable=boilerplate -->\nLire aussi\n<!-- captioncheck: enable=boilerplate -->\n"
    [suppression] = document_from(text, "a.md", "markdown").suppressions
    assert (suppression.rules, suppression.first_line, suppression.last_line) == (frozenset({"boilerplate"}), 3, 5)


def test_html_article_scope_figures_entities_and_skipped_elements():
    text = ('<html lang="en"><body>\n<nav>Read more: the menu</nav>\n<article lang="fr">\n'
            "<h1>Le titre</h1>\n<figure><img src=a.jpg alt=\"Texte alternatif\">\n"
            "<figcaption>La légende &amp; le crédit</figcaption></figure>\n"
            "<p>Un paragraphe <code>if x</code> avec <em>du texte</em>.</p>\n"
            "<script>var s = 'El código';</script><style>p {}</style>\n</article>\n"
            "<footer><p>Tous droits réservés</p></footer></body></html>\n")
    document = document_from(text, "a.html", "html")
    assert document.declared_language == "fr"
    assert _segments(text, "html") == [
        (Kind.TITLE, "Le titre", 4, 5),
        (Kind.CAPTION, "Texte alternatif", 5, 29),
        (Kind.CAPTION, "La légende & le crédit", 6, 13),
        (Kind.BODY, "Un paragraphe avec du texte.", 7, 4),
    ]


def test_html_without_article_checks_the_body_but_not_its_furniture():
    text = "<body><header><p>Le Journal du soir</p></header><p>Un paragraphe du corps.</p><aside>À lire</aside></body>"
    assert [s[1] for s in _segments(text, "html")] == ["Un paragraphe du corps."]


def test_html_text_after_a_nested_block_is_kept():
    text = "<article><div>Avant <p>dedans</p> après le bloc.</div></article>"
    assert [s[1] for s in _segments(text, "html")] == ["Avant", "dedans", "après le bloc."]


def test_html_line_breaks_separate_words_and_inline_tags_do_not():
    text = "<p>Première ligne<br>deuxième ligne, un mot en <b>gra</b><i>s</i>.</p>"
    assert [s[1] for s in _segments(text, "html")] == ["Première ligne deuxième ligne, un mot en gras."]


def test_navigation_inside_the_article_body_is_content_that_leaked():
    text = ('<nav><a href="/">Plus dans Sport</a></nav><article><p>Un paragraphe du corps de l\'article.</p>'
            '<nav><a href="/politique">Plus dans Politique</a></nav></article><footer>Lire aussi</footer>')
    assert [(s[0], s[1]) for s in _segments(text, "html")] == [
        (Kind.TITLE, "Un paragraphe du corps de l'article."), (Kind.BOILERPLATE, "Plus dans Politique")]


def test_html_scope_comes_from_the_element_tree_not_from_a_substring():
    text = ("<html><body><script>var tpl = '<article class=\"x\">';</script>\n"
            "<div class=\"page\"><p>Un paragraphe du corps de la page, en français.</p></div></body></html>")
    assert [s[1] for s in _segments(text, "html")] == ["Un paragraphe du corps de la page, en français."]


def test_html_cms_content_class_and_role_main_scope_the_article():
    for opening, closing in (('<div class="entry-content">', "</div>"), ('<div role="main">', "</div>"),
                             ('<section itemprop="articleBody">', "</section>")):
        text = (f"<body><div class=\"menu\"><p>Accueil Politique Sport</p></div>{opening}"
                f"<p>Le corps de l'article.</p>{closing}<div><p>Mentions légales du site</p></div></body>")
        assert [s[1] for s in _segments(text, "html")] == ["Le corps de l'article."]


def test_html_aside_related_and_share_blocks_are_furniture_even_inside_the_article():
    text = ("<article><p>Le corps de l'article.</p>"
            "<aside><p>Encadré publicitaire</p></aside>"
            "<div class=\"jp-relatedposts\"><p>Articles similaires</p></div>"
            "<div class=\"sharedaddy sd-sharing\"><p>Partager sur Facebook</p></div>"
            "<ul class=\"related-links\"><li>Un autre article</li></ul></article>")
    assert [s[1] for s in _segments(text, "html")] == ["Le corps de l'article."]


def test_html_figure_picture_alt_figcaption_and_credit_span():
    text = ('<article><figure><picture><source srcset="a.webp"><img src="a.jpg" alt="El ministro en Atocha">'
            "</picture><figcaption>Le ministre à Atocha <span class=\"wp-caption-credit\">Javier Soriano / AFP"
            "</span></figcaption></figure></article>")
    assert [(s[0], s[1]) for s in _segments(text, "html")] == [
        (Kind.CAPTION, "El ministro en Atocha"), (Kind.CAPTION, "Le ministre à Atocha"),
        (Kind.CREDIT, "Javier Soriano / AFP")]


def test_html_page_without_content_gives_no_segment():
    assert _segments("<html><body><script>var a = '<article>';</script></body></html>", "html") == []


def test_markdown_raw_html_figure_and_jekyll_include():
    text = ("# Le titre\n\n<figure>\n  <img src=\"a.jpg\" alt=\"El ministro en Atocha\">\n"
            "  <figcaption>Le ministre à Atocha</figcaption>\n</figure>\n\n"
            "{% include figure.html image=\"b.jpg\" caption='Los trenes en la estación' %}\n")
    assert _segments(text, "markdown") == [
        (Kind.TITLE, "Le titre", 1, 3),
        (Kind.CAPTION, "El ministro en Atocha", 4, 25),
        (Kind.CAPTION, "Le ministre à Atocha", 5, 15),
        (Kind.CAPTION, "Los trenes en la estación", 8, 47),
    ]


def test_html_figure_credit_in_cite_or_small_is_its_own_segment():
    for tag in ("cite", "small"):
        text = (f'<article><figure><img src="a.jpg" alt=""><figcaption>El ministro en Atocha <{tag}>EFE</{tag}>'
                "</figcaption></figure></article>")
        assert [(s[0], s[1]) for s in _segments(text, "html")] == [
            (Kind.CAPTION, "El ministro en Atocha"), (Kind.CREDIT, "EFE")]


def test_an_image_title_that_repeats_its_alt_text_is_one_caption():
    html = ('<article><figure><img src="a.jpg" alt="El ministro en Atocha" title="El  ministro en atocha">'
            "<figcaption>Le ministre à Atocha</figcaption></figure></article>")
    assert [(s[0], s[1]) for s in _segments(html, "html")] == [
        (Kind.CAPTION, "El ministro en Atocha"), (Kind.CAPTION, "Le ministre à Atocha")]
    markdown = '# Titre\n\n![El ministro en Atocha](a.jpg "El ministro en Atocha")\n*Le ministre à Atocha*\n'
    assert [(s[0], s[1]) for s in _segments(markdown, "markdown")][1:] == [
        (Kind.CAPTION, "El ministro en Atocha"), (Kind.CAPTION, "Le ministre à Atocha")]
    # a title that says something else is a caption of its own
    markdown = '# Titre\n\n![El ministro en Atocha](a.jpg "Le ministre à Atocha")\n'
    assert [s[1] for s in _segments(markdown, "markdown")][1:] == ["El ministro en Atocha", "Le ministre à Atocha"]


def test_italics_and_cite_are_set_apart_in_both_markups_and_a_figure_credit_is_not():
    html = ("<article><h1>Le festival</h1><p>Il revoit <i>Legend of the Sword</i> et lit <cite>The Dawn of "
            "the New Everything</cite> avec <b>plaisir</b>.</p><figure><img src='a.jpg' alt=''><figcaption>"
            "Le public. <cite>AFP</cite></figcaption></figure></article>")
    segments = document_from(html, "page.html", "html").segments
    paragraph = segments[1]
    assert [paragraph.text[a:b] for a, b in paragraph.titles] == ["Legend of the Sword", "The Dawn of the New Everything"]
    assert all(not segment.titles for segment in segments[2:])
    markdown = "# Le festival\n\nIl revoit *Legend of the Sword* et lit\n_The Dawn of the New Everything_ avec **plaisir**.\n"
    paragraph = document_from(markdown, "article.md", "markdown").segments[1]
    assert [paragraph.text[a:b] for a, b in paragraph.titles] == ["Legend of the Sword", "The Dawn of the New Everything"]


_CAPTION_LINES = {
    "name and agency": ("Jalal MORCHIDI / EFE - Veinticinco rescatistas buscan supervivientes en Amizmiz, el sábado.",
                        "Jalal MORCHIDI / EFE - Vingt-cinq secouristes cherchent des survivants à Amizmiz, samedi."),
    "icon text and agency": ("Jalal MORCHIDI / EFE - Veinticinco rescatistas buscan supervivientes en Amizmiz.",
                             "photo_camera Jalal MORCHIDI / EFE - Vingt-cinq secouristes cherchent des survivants à Amizmiz."),
    "agency only": ("EFE - Veinticinco rescatistas buscan supervivientes en Amizmiz, el sábado.",
                    "EFE - Vingt-cinq secouristes cherchent des survivants à Amizmiz, samedi."),
    "credit after": ("Veinticinco rescatistas buscan supervivientes en Amizmiz. (Foto: EFE)",
                     "Vingt-cinq secouristes cherchent des survivants à Amizmiz. (Photo : EFE)"),
    "no credit": ("Veinticinco rescatistas buscan supervivientes en Amizmiz, el sábado.",
                  "Vingt-cinq secouristes cherchent des survivants à Amizmiz, samedi."),
}


@pytest.mark.parametrize("shape", sorted(_CAPTION_LINES))
def test_a_markdown_caption_pair_on_consecutive_lines_reads_as_the_plain_text_article(shape: str, checker):
    spanish, french = _CAPTION_LINES[shape]
    article = ("# Séisme au Maroc : les secours fouillent les décombres à Amizmiz\n\n"
               "Les équipes de secours poursuivent leurs recherches dans les villages de l'Atlas, où des "
               "centaines de maisons se sont effondrées.\n\n"
               f"{spanish}\n{french}\n\n"
               "Les autorités marocaines ont annoncé trois jours de deuil national. L'aide internationale "
               "commence à arriver dans les zones les plus touchées.\n")
    as_markdown = checker.check_text(article, "markdown", "article.md")
    as_text = checker.check_text(article.replace("# ", "", 1), "text", "article.txt")
    caption_lines = lambda report: [(*s.position(0), s.text) for s in report.document.segments  # noqa: E731
                                    if s.line in (5, 6)]
    assert caption_lines(as_markdown) == caption_lines(as_text)
    assert [column for line, column, _ in caption_lines(as_markdown) if line == 6] == [1]
    found = lambda report: sorted((f.rule, f.line, f.column) for f in report.findings)  # noqa: E731
    assert found(as_markdown) == found(as_text)
    assert [f.rule for f in as_markdown.findings if f.line == 5] == ["untranslated-segment"]


def _two_figures(alt: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="fr"><body><article>\n'
            "<h1>Séisme au Maroc : les secours fouillent les décombres à Amizmiz</h1>\n"
            "<p>Les équipes de secours poursuivent leurs recherches dans les villages de l'Atlas, où des centaines "
            "de maisons se sont effondrées.</p>\n"
            f'<figure><img src="a.jpg" alt="{alt}">\n<figcaption>Veinticinco rescatistas buscan supervivientes '
            "entre los escombros en Amizmiz, el sábado.</figcaption></figure>\n"
            f'<figure><img src="b.jpg" alt="{alt}">\n<figcaption>Cinquante-deux secouristes cherchent des '
            "survivants dans les décombres à Amizmiz, samedi.</figcaption></figure>\n"
            "<p>Les autorités marocaines ont annoncé trois jours de deuil national. L'aide internationale commence "
            "à arriver dans les zones les plus touchées.</p>\n</article></body></html>\n")


@pytest.mark.parametrize("alt", ["", "Secouristes à Amizmiz", "Rescatistas en Amizmiz buscan supervivientes"])
def test_an_image_alt_text_is_never_a_caption_translation_and_is_checked_on_its_own(alt: str, checker):
    report = checker.check_text(_two_figures(alt), "html", "seisme.html")
    found = sorted((f.rule, f.line, f.related_segment is not None) for f in report.findings)
    # the captions stand on lines 6 (Spanish) and 8 (French), the images' alt texts on lines 5 and 7
    expected = [("number-mismatch", 8, True), ("untranslated-segment", 6, True)]
    if alt.startswith("Rescatistas"):  # an untranslated alt text is reported, alone
        expected += [("untranslated-segment", 5, False), ("untranslated-segment", 7, False)]
        assert all("alt text" in f.message for f in report.findings if f.line in (5, 7))
    assert found == sorted(expected)
    number = next(f for f in report.findings if f.rule == "number-mismatch")
    assert "Veinticinco" in number.message and "Cinquante-deux" in number.message
