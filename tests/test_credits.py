"""The credit grammar, table-tested on credit lines written the way agencies and newspapers write them.

Each row is a caption line, the exact credit span found in it (label, brackets or © included), and
the caption prose that must be left intact around it ("" for a credit-only line).
"""

from __future__ import annotations

import pytest

from captioncheck.vocabulary import lexicon
from captioncheck.vocabulary.credits import find_credits

TABLE = [
    # Photographer and agency, both orders, with and without spaces around "/", before the caption.
    ("Sergei SUPINSKY / AFP - El presidente ucraniano habla con la prensa", "Sergei SUPINSKY / AFP",
     "El presidente ucraniano habla con la prensa"),
    ("Sergei SUPINSKY/AFP - Le président ukrainien parle à la presse", "Sergei SUPINSKY/AFP",
     "Le président ukrainien parle à la presse"),
    ("AFP / Ludovic Marin - Emmanuel Macron à l'Élysée", "AFP / Ludovic Marin", "Emmanuel Macron à l'Élysée"),
    ("AFP/Ludovic Marin – Emmanuel Macron arrive à Bruxelles", "AFP/Ludovic Marin",
     "Emmanuel Macron arrive à Bruxelles"),
    ("EFE / Juan Carlos Hidalgo - El rey Felipe VI durante el desfile", "EFE / Juan Carlos Hidalgo",
     "El rey Felipe VI durante el desfile"),
    ("REUTERS/Susana Vera - Manifestantes en la Puerta del Sol", "REUTERS/Susana Vera",
     "Manifestantes en la Puerta del Sol"),
    ("Javier SORIANO / AFP: El ministro de Transportes en Atocha", "Javier SORIANO / AFP",
     "El ministro de Transportes en Atocha"),
    ("Kay NIETFELD / dpa - Olaf Scholz spricht im Bundestag", "Kay NIETFELD / dpa", "Olaf Scholz spricht im Bundestag"),
    ("ANSA / Angelo Carconi | Il presidente Mattarella al Quirinale", "ANSA / Angelo Carconi",
     "Il presidente Mattarella al Quirinale"),
    ("LUSA / Tiago Petinga - O primeiro-ministro em Lisboa", "LUSA / Tiago Petinga", "O primeiro-ministro em Lisboa"),
    ("AGENCY / First Last - the caption of the picture", "AGENCY / First Last", "the caption of the picture"),
    ("Name SURNAME / AGENCY - the caption of the picture", "Name SURNAME / AGENCY", "the caption of the picture"),
    # Several agencies.
    ("AFP / POOL / Ludovic MARIN - Emmanuel Macron reçoit Olaf Scholz", "AFP / POOL / Ludovic MARIN",
     "Emmanuel Macron reçoit Olaf Scholz"),
    ("EPA-EFE / POOL / Chema Moya - Pedro Sánchez en el Congreso", "EPA-EFE / POOL / Chema Moya",
     "Pedro Sánchez en el Congreso"),
    ("POOL/AFP/Ludovic Marin - Le président français", "POOL/AFP/Ludovic Marin", "Le président français"),
    # Labels before the credit, then the caption.
    ("Foto: Agency - El presidente habla con los periodistas", "Foto: Agency",
     "El presidente habla con los periodistas"),
    ("Foto: EFE - El presidente del Gobierno en la Moncloa", "Foto: EFE", "El presidente del Gobierno en la Moncloa"),
    ("Fotos: Europa Press - Vecinos de Valencia limpian las calles", "Fotos: Europa Press",
     "Vecinos de Valencia limpian las calles"),
    ("Imagen: Reuters - Un bombero apaga las llamas", "Imagen: Reuters", "Un bombero apaga las llamas"),
    ("Photo : AGENCY - le président s'adresse à la presse", "Photo : AGENCY",
     "le président s'adresse à la presse"),
    ("Photo : AFP - Des manifestants devant l'Assemblée nationale", "Photo : AFP",
     "Des manifestants devant l'Assemblée nationale"),
    ("Crédit photo : Jean DUPONT - Le maire de Lyon inaugure le tramway", "Crédit photo : Jean DUPONT",
     "Le maire de Lyon inaugure le tramway"),
    ("Photo: Reuters - Firefighters battle the blaze near Athens", "Photo: Reuters",
     "Firefighters battle the blaze near Athens"),
    ("Bild: dpa - Olaf Scholz spricht vor der Presse", "Bild: dpa", "Olaf Scholz spricht vor der Presse"),
    ("Foto: ANSA - Il premier durante la conferenza stampa", "Foto: ANSA",
     "Il premier durante la conferenza stampa"),
    ("Foto: Agência Brasil - O presidente discursa em Brasília", "Foto: Agência Brasil",
     "O presidente discursa em Brasília"),
    ("Fotografía: Juan Pérez - La alcaldesa en el pleno municipal", "Fotografía: Juan Pérez",
     "La alcaldesa en el pleno municipal"),
    # Labels after the caption.
    ("Le président ukrainien à Kiev. Photo: Sergei Supinsky / AFP", "Photo: Sergei Supinsky / AFP",
     "Le président ukrainien à Kiev."),
    ("El rey en el desfile. Foto: EFE", "Foto: EFE", "El rey en el desfile."),
    ("Firefighters near Athens. Photo: Petros Giannakouris / AP", "Photo: Petros Giannakouris / AP",
     "Firefighters near Athens."),
    ("Il papa in piazza San Pietro. Foto: ANSA/Fabio Frustaci", "Foto: ANSA/Fabio Frustaci",
     "Il papa in piazza San Pietro."),
    ("Der Kanzler in Berlin. Foto: Kay Nietfeld/dpa", "Foto: Kay Nietfeld/dpa", "Der Kanzler in Berlin."),
    ("Des pompiers à Nîmes (Photo: Pascal Guyot / AFP)", "(Photo: Pascal Guyot / AFP)", "Des pompiers à Nîmes"),
    ("Los bomberos en Valencia (Foto: EFE/Manuel Bruque)", "(Foto: EFE/Manuel Bruque)", "Los bomberos en Valencia"),
    ("Protesters in Paris (AFP/Ludovic Marin)", "(AFP/Ludovic Marin)", "Protesters in Paris"),
    ("Manifestantes en Madrid (REUTERS/Susana Vera)", "(REUTERS/Susana Vera)", "Manifestantes en Madrid"),
    ("Des pompiers à Nîmes (Reuters)", "(Reuters)", "Des pompiers à Nîmes"),
    ("Il presidente al Quirinale (ANSA)", "(ANSA)", "Il presidente al Quirinale"),
    ("Le stade de France © Jean Martin / AFP", "© Jean Martin / AFP", "Le stade de France"),
    ("O estádio do Maracanã ©Agência Brasil", "©Agência Brasil", "O estádio do Maracanã"),
    ("Das Brandenburger Tor © picture alliance / dpa", "© picture alliance / dpa", "Das Brandenburger Tor"),
    ("A firefighter in Athens. Photo by Petros Giannakouris/AFP via Getty Images",
     "Photo by Petros Giannakouris/AFP via Getty Images", "A firefighter in Athens."),
    ("Voters queue in Ohio. Jane Doe for The New York Times", "Jane Doe for The New York Times",
     "Voters queue in Ohio."),
    ("Voters queue in Ohio. Jane Doe for The Publication", "Jane Doe for The Publication", "Voters queue in Ohio."),
    ("Firefighters in Nîmes. REUTERS/Stephane Mahe", "REUTERS/Stephane Mahe", "Firefighters in Nîmes."),
    ("Le président ukrainien (à droite) Sergei SUPINSKY / AFP", "Sergei SUPINSKY / AFP",
     "Le président ukrainien (à droite)"),
    ("Vecinos en la calle - EFE", "EFE", "Vecinos en la calle"),
    # Agency-only and archive notes.
    ("AFP", "AFP", ""),
    ("Reuters", "Reuters", ""),
    ("EFE - El presidente llega a la cumbre", "EFE", "El presidente llega a la cumbre"),
    ("Imagen de archivo", "Imagen de archivo", ""),
    ("Imagen de archivo - El Congreso de los Diputados", "Imagen de archivo", "El Congreso de los Diputados"),
    ("Archives", "Archives", ""),
    ("L'Assemblée nationale. AFP/Archives", "AFP/Archives", "L'Assemblée nationale."),
    ("El Congreso de los Diputados (EFE/Archivo)", "(EFE/Archivo)", "El Congreso de los Diputados"),
    ("Der Bundestag in Berlin. Archivbild", "Archivbild", "Der Bundestag in Berlin."),
    ("Il Parlamento europeo (Foto d'archivio)", "(Foto d'archivio)", "Il Parlamento europeo"),
    ("The Capitol in Washington. File photo", "File photo", "The Capitol in Washington."),
    # Credit-only lines.
    ("Photo : Jean DUPONT / Reuters", "Photo : Jean DUPONT / Reuters", ""),
    ("Fotos: EFE", "Fotos: EFE", ""),
    ("Sergei SUPINSKY / AFP", "Sergei SUPINSKY / AFP", ""),
    ("Foto: Juan Pérez / Agência Brasil", "Foto: Juan Pérez / Agência Brasil", ""),
    ("© AFP", "© AFP", ""),
    ("Bild: picture alliance/dpa", "Bild: picture alliance/dpa", ""),
    ("Crédits : AFP", "Crédits : AFP", ""),
    # A credit that runs straight into its caption: it ends at its agency, or before a word that opens
    # sentences, never with the caption's first word.
    ("© Reuters Soldados ucranianos cerca del frente", "© Reuters", "Soldados ucranianos cerca del frente"),
    ("© Reuters / Jane Doe Le stade de France", "© Reuters / Jane Doe", "Le stade de France"),
    ("Getty Images via AFP Des soldats ukrainiens près du front", "Getty Images via AFP",
     "Des soldats ukrainiens près du front"),
    ("ANDREW CABALLERO-REYNOLDS/AFP via Getty Images The Capitol in Washington",
     "ANDREW CABALLERO-REYNOLDS/AFP via Getty Images", "The Capitol in Washington"),
    ("Kay NIETFELD/dpa Olaf Scholz spricht im Bundestag", "Kay NIETFELD/dpa", "Olaf Scholz spricht im Bundestag"),
    # An icon word before the credit.
    ("photo_camera Sergei SUPINSKY / AFP - Le président ukrainien", "Sergei SUPINSKY / AFP",
     "photo_camera - Le président ukrainien"),
    # After the caption with nothing between: the credit starts at its agency, not at the caption's
    # last capitalised word; a shouted agency is an agency.
    ("Le président ukrainien dans un hôpital de Kharkiv AP Photo/Evan Vucci", "AP Photo/Evan Vucci",
     "Le président ukrainien dans un hôpital de Kharkiv"),
    ("Il presidente Mattarella in visita a Napoli ANSA/CIRO FUSCO", "ANSA/CIRO FUSCO",
     "Il presidente Mattarella in visita a Napoli"),
    ("Die Bundesrätin spricht in Bern KEYSTONE/Peter Klaunzer", "KEYSTONE/Peter Klaunzer",
     "Die Bundesrätin spricht in Bern"),
    # one word in lower case but its initial names no photographer: it ends the caption
    ("El presidente ucraniano en un hospital de Járkov / EFE", "/ EFE", "El presidente ucraniano en un hospital de Járkov"),
]

NOT_CREDITS = [
    "Le président a parlé à la presse.",
    "Plus de 40 drones ont été abattus pendant la nuit.",
    "Il a quitté Paris / Lyon pour Marseille.",
    "comme le rapporte Reuters.",
    "Madrid: El Gobierno aprueba el decreto",
    "Il a rencontré Emmanuel Macron à Paris.",
    "La ville (Madrid) accueille le sommet.",
    "Les Archives nationales ouvrent leurs portes au public.",
    "Reuters a rapporté que le président était malade.",
    "Getty Images Chief Executive Mark Getty said the deal was done.",
    "Emmanuel Macron via Zoom Le président a parlé.",
    "Reuters Les journalistes de l'agence sont en grève.",
]


def _caption(text: str, spans: list[tuple[int, int]]) -> str:
    kept = lexicon.blank(text, spans)
    return " ".join(kept.split()).strip(" -–—:|")


def test_the_table_covers_six_languages_and_sixty_lines():
    assert len(TABLE) >= 60


@pytest.mark.parametrize("line, span, caption", TABLE, ids=[row[0][:40] for row in TABLE])
def test_credit_span_and_caption_left_intact(line: str, span: str, caption: str):
    found = lexicon.find_credits(line)
    assert [line[c.start:c.end] for c in found] == [span]
    assert _caption(line, [(c.start, c.end) for c in found]) == caption
    assert lexicon.is_credit_only(line) == (caption == "")


@pytest.mark.parametrize("line", NOT_CREDITS)
def test_prose_is_no_credit(line: str):
    assert find_credits(line) == []
    assert not lexicon.is_credit_only(line)


def test_the_label_is_not_part_of_the_credit_key():
    spanish, french = (lexicon.find_credits(t)[0] for t in ("Foto: EFE - a", "Photo : EFE - b"))
    assert spanish.key == french.key == "efe"


@pytest.mark.parametrize("one, other", [
    ("EFE/Juanjo Martín - a", "Juanjo Martín / EFE - b"),
    ("Photo by Chip Somodevilla/Getty Images - a", "Photo Chip Somodevilla/Getty Images - b"),
    ("Foto: dpa/picture alliance - a", "picture alliance / dpa - b"),
    ("Foto LaPresse - a", "LaPresse - b"),
])
def test_one_credit_written_two_ways_has_one_key(one: str, other: str):
    assert lexicon.find_credits(one)[0].key == lexicon.find_credits(other)[0].key


@pytest.mark.parametrize("one, other", [
    ("EFE/Juanjo Martín - a", "Manuel Bruque / EFE - b"),
    ("AP / Christophe Ena - a", "AFP / Christophe Ena - b"),
    ("Sergei SUPINSKY / AFP - a", "Genya SAVILOV / AFP - b"),
])
def test_different_credits_have_different_keys(one: str, other: str):
    assert lexicon.find_credits(one)[0].key != lexicon.find_credits(other)[0].key
