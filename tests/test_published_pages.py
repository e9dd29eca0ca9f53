"""Pages as they are published: the article is read, the page around it is not.

The pages are written for these tests (French and Spanish news, with the furniture real themes put
around an article: menus, share widgets, teaser lists, cookie banners, comments, footers)."""

from __future__ import annotations

import textwrap

from captioncheck.document import Kind

from conftest import document_from

PARAGRAPHS = (
    "Le gouvernement a présenté mardi un plan de rénovation des écoles qui concerne plus de deux mille "
    "bâtiments construits avant 1975, dont la plupart n'ont jamais été isolés.",
    "Selon le ministère, les travaux commenceront à la rentrée dans les académies du Nord et de l'Est, où "
    "les hivers sont les plus rudes et les factures de chauffage les plus lourdes.",
    "Les maires se disent prêts, mais demandent que l'État prenne en charge la moitié du coût au moins, "
    "faute de quoi les petites communes devront renoncer à une partie des chantiers.",
    "Les syndicats d'enseignants saluent l'annonce tout en rappelant que plusieurs établissements attendent "
    "depuis des années une simple remise aux normes de leurs installations électriques.",
)


def _page(article: str, before: str = "", after: str = "", head: str = "") -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"fr\">\n<head><title>Le Journal</title>{head}</head>\n<body>\n"
            f"{before}\n{article}\n{after}\n</body>\n</html>\n")


def _body(paragraphs=PARAGRAPHS) -> str:
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def _texts(html: str) -> list[str]:
    return [segment.text for segment in document_from(html, "page.html", "html").segments]


MENU = ('<div class="site-menu"><ul><li><a href="/">Accueil</a></li><li><a href="/politique">Politique</a></li>'
        '<li><a href="/sport">Sport</a></li></ul></div>')
SHARE = '<div class="share-buttons"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur WhatsApp</a></div>'
TEASERS = ('<ul class="teaser-list">' + "".join(
    f'<li><a href="/a{n}"><img src="t{n}.jpg" title="Titre de l\'article {n}"> Un autre article du jour numéro {n} '
    f'sur un sujet sans rapport</a> <time>12/03/2024</time></li>' for n in range(5)) + "</ul>")
COOKIES = ('<div id="cookie-consent"><p>Nous utilisons des cookies pour mesurer l\'audience et personnaliser '
           'les publicités que vous voyez sur ce site.</p><button>Accepter</button></div>')
COMMENTS = ('<section class="comments"><h3>3 commentaires</h3><p>Enfin une bonne nouvelle pour nos enfants, '
            'il était temps que quelqu\'un s\'en occupe sérieusement.</p></section>')
FOOTER = '<footer><p>© 2024 Le Journal. Mentions légales. Nous contacter.</p></footer>'


def test_the_article_is_read_and_the_page_around_it_is_not():
    html = _page(f"<h1>Un plan pour rénover deux mille écoles</h1>\n{SHARE}\n{_body()}\n{TEASERS}",
                 before=MENU + COOKIES, after=COMMENTS + FOOTER)
    texts = _texts(html)
    assert texts == ["Un plan pour rénover deux mille écoles", *PARAGRAPHS]


def test_an_article_inside_an_element_named_like_furniture_is_still_read():
    """Blog themes wrap the post in a "widget" and put the sidebar beside it: the wrapper holds the
    article, so it is not furniture; the sidebar's widget is."""
    sidebar = ('<div class="widget sidebar"><h2>Archives</h2><ul><li><a href="/2024/03">mars 2024</a></li>'
               '<li><a href="/2024/02">février 2024</a></li></ul></div>')
    html = _page(f'<div class="widget Blog"><h1>Un plan pour rénover deux mille écoles</h1>{_body()}</div>',
                 after=sidebar)
    assert _texts(html) == ["Un plan pour rénover deux mille écoles", *PARAGRAPHS]


def test_a_conditional_comment_does_not_hide_the_rest_of_the_page():
    head = '<!--[if lt IE 9]><script src="old.js"></script><![endif]--><!--<![endif]-->'
    html = _page(f"<article><h1>Un plan pour rénover deux mille écoles</h1>{_body()}</article>", head=head)
    assert _texts(html)[1:] == list(PARAGRAPHS)


def test_text_of_a_template_never_rendered_is_not_read():
    template = '<div class="cards"><p>{{ card.title }}</p><p>{{ card.summary | truncate(80) }}</p></div>'
    html = _page(f"<article><h1>Un plan pour rénover deux mille écoles</h1>{_body()}{template}</article>")
    assert not any("{{" in text for text in _texts(html))


def test_the_figures_of_the_article_are_read_with_their_captions_and_credits():
    figure = ('<figure><img src="ecole.jpg" alt="Une salle de classe à Lille">'
              '<figcaption>Une salle de classe de l\'école Jean-Jaurès, à Lille, en janvier. '
              '<span class="credit">Marie DUPONT / AFP</span></figcaption></figure>')
    paragraphs = list(PARAGRAPHS)
    html = _page(f"<article><h1>Un plan pour rénover deux mille écoles</h1>{_body(paragraphs[:2])}{figure}"
                 f"{_body(paragraphs[2:])}</article>", before=MENU, after=FOOTER)
    document = document_from(html, "page.html", "html")
    kinds = [(segment.kind, segment.text) for segment in document.segments]
    assert (Kind.CAPTION, "Une salle de classe à Lille") in kinds
    assert (Kind.CREDIT, "Marie DUPONT / AFP") in kinds
    assert any(kind is Kind.CAPTION and text.startswith("Une salle de classe de l'école") for kind, text in kinds)


def test_a_page_without_markup_for_its_article_is_read_by_its_prose():
    """No article, main or content class: the extractor's text, and the page's own blocks around it."""
    html = _page(f"<div><h1>Un plan pour rénover deux mille écoles</h1></div><div>{_body()}</div>",
                 before=MENU + SHARE, after=TEASERS + FOOTER)
    assert _texts(html) == ["Un plan pour rénover deux mille écoles", *PARAGRAPHS]


def test_every_position_is_the_file_s_own():
    html = _page(f"<article><h1>Un plan pour rénover deux mille écoles</h1>\n{_body()}</article>", before=MENU)
    document = document_from(html, "page.html", "html")
    lines = html.splitlines()
    for segment in document.segments:
        line, column = segment.span(0, 1)[:2]
        assert lines[line - 1][column - 1:].startswith(segment.text[:20])


def test_a_word_break_opportunity_is_not_a_space():
    html = _page(f"<article><h1>Un plan pour rénover deux mille écoles</h1>{_body()}"
                 "<p>Le dossier complet est sur https://www.exemple<wbr>.fr<wbr>/ecoles depuis mardi matin.</p></article>")
    assert "https://www.exemple.fr/ecoles" in _texts(html)[-1]


def test_reference_lists_and_cookie_banners_are_furniture():
    references = ('<ol class="references"><li>Dupont, Marie (12 mars 2024). "The Future of School Buildings in '
                  'Europe". Revue de l\'éducation. Consulté le 3 avril 2024.</li></ol>')
    html = _page(f"<article><h1>Un plan pour rénover deux mille écoles</h1>{_body()}{references}</article>",
                 after='<div class="cookie-banner"><p>Ce site utilise des cookies pour mesurer son audience.</p></div>')
    assert _texts(html) == ["Un plan pour rénover deux mille écoles", *PARAGRAPHS]


def test_labels_for_screen_readers_are_not_part_of_a_caption():
    figure = ('<figure><img src="ecole.jpg" alt=""><figcaption><span class="off-screen">Image caption, </span>'
              'Une salle de classe de l\'école Jean-Jaurès, à Lille, en janvier.</figcaption></figure>')
    html = _page(f"<article><h1>Un plan pour rénover deux mille écoles</h1>{_body(PARAGRAPHS[:2])}{figure}"
                 f"{_body(PARAGRAPHS[2:])}<p>Un dernier mot pour finir cet article<span hidden> masqué par la page</span>.</p>"
                 "</article>")
    texts = _texts(html)
    assert "Une salle de classe de l'école Jean-Jaurès, à Lille, en janvier." in texts
    assert texts[-1] == "Un dernier mot pour finir cet article."
    assert not any("Image caption" in text for text in texts)


def test_an_article_split_over_blocks_a_page_builder_calls_widgets_is_read():
    """Page builders mark every block "widget": each holds part of the article, none most of it."""
    blocks = "".join(f'<div class="elementor-widget text-widget"><p>{p}</p></div>' for p in PARAGRAPHS)
    html = _page(f'<main><h1>Un plan pour rénover deux mille écoles</h1>{blocks}</main>',
                 after='<div class="widget related-posts"><p><a href="/a">Un autre article sans rapport avec '
                       'celui-ci, sur un tout autre sujet, publié la semaine dernière</a></p></div>')
    assert _texts(html) == ["Un plan pour rénover deux mille écoles", *PARAGRAPHS]


def test_sections_whose_id_is_the_slug_of_a_furniture_word_are_read():
    """Documentation generators and Markdown renderers give each section the slug of its heading as id:
    ``id="sharing-the-costs"`` names no share box, and the section is read."""
    sections = "".join(f'<div class="section" id="{slug}"><h2>{slug.replace("-", " ")}</h2><p>{p}</p></div>'
                       for slug, p in zip(("le-plan", "sharing-the-costs", "social-housing-too", "la-suite"),
                                          PARAGRAPHS))
    html = _page(f"<h1>Un plan pour rénover deux mille écoles</h1>{sections}", before=MENU, after=SHARE + FOOTER)
    texts = _texts(html)
    assert all(p in texts for p in PARAGRAPHS)
    assert not any("WhatsApp" in text for text in texts)


def test_preformatted_prose_is_read_and_preformatted_code_is_not():
    """A plain-text document published in ``<pre>`` is read paragraph by paragraph; a shell session
    or a program in ``<pre>`` is not."""
    prose = "\n\n".join(textwrap.indent(textwrap.fill(p, 60), "   ") for p in PARAGRAPHS[:2])
    session = "$ make renovation\nbuilding 2000 schools ... done"
    program = "for (int i = 0; i < n; i++) { total += cost[i]; }"
    html = _page(f"<main><h1>Un plan pour rénover deux mille écoles</h1><pre>{prose}</pre><pre>{session}</pre>"
                 f"<pre>{program}</pre><p>{PARAGRAPHS[2]}</p></main>")
    document = document_from(html, "page.html", "html")
    texts = [segment.text for segment in document.segments]
    assert texts == ["Un plan pour rénover deux mille écoles", *(" ".join(p.split()) for p in PARAGRAPHS[:2]),
                     PARAGRAPHS[2]]
    lines = html.splitlines()
    for segment in document.segments:
        line, column = segment.span(0, 1)[:2]
        assert lines[line - 1][column - 1:].startswith(segment.text[:10])
