import pytest

from captioncheck.vocabulary import lexicon
from captioncheck.compare import names, numbers
from captioncheck.compare.positions import Side, positions


@pytest.mark.parametrize("left, left_lang, right, right_lang", [
    ("2,4 milliards d'euros", "fr", "2.4 billion euros", "en"),
    ("2.400 millones de euros", "es", "2,4 milliards d'euros", "fr"),
    ("2,4 mil millones", "es", "2.4 billion", "en"),
    ("12,5 % de los votos", "es", "12.5% of the votes", "en"),
    ("2.000 personas", "es", "2 000 personnes", "fr"),
    ("2,000 people", "en", "2000 Menschen", "de"),
    ("dos heridos", "es", "2 blessés", "fr"),
    ("le 15 mars 2023", "fr", "el 15 de marzo de 2023", "es"),
    ("Veintiún heridos en una torre de trescientos veintiún metros", "es",
     "21 blessés dans une tour de trois cent vingt et un mètres", "fr"),
    # money written the English way, and metres
    ("The company lost $1.5bn last year", "en", "La empresa perdió 1.500 millones de dólares", "es"),
    ("£3.4m for the club", "en", "3,4 millones de libras para el club", "es"),
    ("A 3.4m wall", "en", "Un muro de 3,4 metros", "es"),
    # a time of day on a 12-hour clock or a 24-hour one
    ("At 3 p.m. on Tuesday", "en", "A las 15.00 del martes", "es"),
    ("At 3pm on Tuesday", "en", "Le mardi à 15 heures", "fr"),
    # a decade, with its century or without it, or in words
    ("The 1990s were hard", "en", "Los años noventa fueron duros", "es"),
    ("A photo from the 1980s", "en", "Une photo des années 80", "fr"),
    ("Die 90er Jahre", "de", "Les années 1990", "fr"),
    # a day named by its date, named in words on the other side
    ("Un Rafale lors du défilé du 14-Juillet sur les Champs-Élysées", "fr",
     "A Rafale during the Bastille Day parade on the Champs-Élysées", "en"),
    ("Hommage aux victimes des attentats du 13-Novembre", "fr", "Tribute to the victims of the Paris attacks", "en"),
    ("Aniversario del 11-M en la estación de Atocha", "es", "Anniversaire des attentats de Madrid à Atocha", "fr"),
    # an ordinal is no amount, apocopated or not
    ("Los precios subieron en el tercer trimestre", "es", "Prices rose in the third quarter", "en"),
    ("La tercera ola de calor del verano", "es", "La troisième vague de chaleur de l'été", "fr"),
])
def test_same_numbers_in_different_notations(left, left_lang, right, right_lang):
    alone = numbers.unmatched(numbers.quantities(left, left_lang), numbers.quantities(right, right_lang))
    assert alone == ([], [])


@pytest.mark.parametrize("left, left_language, right, right_language, expected", [
    ("Le roi Charles II et la reine Camilla", "fr", "El rey Carlos III y la reina Camila", "es", (["II"], ["III"])),
    ("El papa Pío XII en Roma", "es", "Pope Pius XI in Rome", "en", (["XII"], ["XI"])),
    ("Louis XIV à Versailles", "fr", "Luis XIV en Versalles", "es", ([], [])),
    ("Super Bowl LVIII in Las Vegas", "en", "La Super Bowl 58 en Las Vegas", "es", ([], [])),
    # written in words on the other side: a Roman numeral counts only against another
    ("World War II veterans in Normandy", "en", "Des vétérans de la Seconde Guerre mondiale en Normandie", "fr",
     ([], [])),
    # the pronoun is no numeral
    ("Yesterday I met the Pope", "en", "Ayer conocí al Papa", "es", ([], [])),
])
def test_roman_numerals_after_a_name(left, left_language, right, right_language, expected):
    alone = numbers.unmatched(list(numbers.quantities(left, left_language)),
                              list(numbers.quantities(right, right_language)))
    assert tuple([q.text for q in side] for side in alone) == expected


def test_a_respelled_number_word_keeps_its_place_in_the_text():
    text = "Veintiún heridos, treinta y un muertos y veintiún mil desplazados"
    found = [(q.text, q.value, text[q.start:q.end]) for q in numbers.quantities(text, "es")]
    assert found == [("Veintiún", 21, "Veintiún"), ("treinta y un", 31, "treinta y un"),
                     ("veintiún mil", 21000, "veintiún mil")]
    alone = numbers.unmatched(numbers.quantities("veintiún años", "es"), numbers.quantities("22 ans", "fr"))
    assert alone != ([], [])


@pytest.mark.parametrize("left, left_language, right, right_language, expected", [
    ("Más de 40 drones", "es", "Plus de 14 drones", "fr", (["40"], ["14"])),
    # a day named by its date, a time of day, a decade: still compared with another of their kind
    ("le défilé du 14-Juillet", "fr", "the July 4 parade", "en", (["14"], ["4"])),
    ("At 3 p.m. on Tuesday", "en", "A las 17.00 del martes", "es", ([], ["17.00"])),
    ("The 1990s were hard", "en", "Les années 2000 ont été dures", "fr", (["1990"], ["2000"])),
    # an amount of money: the currency is not compared, the amount is
    ("The club paid £3.4m", "en", "El club pagó 3,4 millones de euros", "es", ([], [])),
    ("The club paid £3.4m", "en", "El club pagó 34 millones de libras", "es", (["3.4m"], ["34 millones"])),
])
def test_different_numbers(left, left_language, right, right_language, expected):
    assert alone(left, left_language, right, right_language) == expected


def test_percent_is_not_a_plain_number():
    assert numbers.unmatched(numbers.quantities("12%", "en"), numbers.quantities("12", "en")) != ([], [])


@pytest.mark.parametrize("left, right", [
    ("El secretario general de la OTAN, Jens Stoltenberg, en Kiev", "NATO Secretary General Jens Stoltenberg in Kyiv"),
    ("El presidente Volodymyr Zelensky en Moscú", "Le président Volodymyr Zelenski à Moscou"),
    ("Les Nations unies à Genève", "La ONU en Ginebra"),
    ("El ministro de Transportes, Óscar Puente, en Atocha", "Le ministre des Transports, Oscar Puente, à Atocha"),
    ("Los Estados Unidos y la Unión Europea", "The United States and the EU"),
    ("devant l'Assemblée nationale", "frente a la Asamblea Nacional"),
])
def test_names_survive_translation(left, right):
    assert names.missing(left, right) == ([], [])


def test_different_people_are_reported():
    assert names.missing("El secretario general de la OTAN, Jens Stoltenberg", "NATO Secretary General Mark Rutte") == (
        ["Jens Stoltenberg"], ["Mark Rutte"])


@pytest.mark.parametrize("left, left_language, right, right_language, expected", [
    # an acronym both languages write is a different organisation, not a translation
    ("Agents of the FBI search the house in Miami", "en", "Agentes de la CIA registran la casa en Miami", "es",
     (["FBI"], ["CIA"])),
    ("Des agents du FBI fouillent la maison à Miami", "fr", "FBI agents search the house in Miami", "en", ([], [])),
])
def test_acronyms_both_languages_write_are_compared_as_written(left, left_language, right, right_language,
                                                                expected):
    assert names.missing(left, right, left_language, right_language) == expected


@pytest.mark.parametrize("left, left_language, right, right_language", [
    # each language may write its own acronym
    ("Les enfants reçoivent le vaccin ROR à l'école", "fr", "Los niños reciben la vacuna SRP en la escuela", "es"),
    ("The WHO warns of a new wave of flu", "en", "La OMS alerta de una nueva ola de gripe", "es"),
    ("Un test d'ADN confirme l'identité du soldat", "fr", "A DNA test confirms the soldier's identity", "en"),
    # each language writes the sounds of a Russian or Ukrainian name its own way: kh, j, ch; zh, j, sch
    ("Soldados ucranianos cerca de Bajmut y Jersón", "es", "Des soldats ukrainiens près de Bakhmout et Kherson", "fr"),
    ("Des habitants de Zaporijia fuient vers Kharkiv", "fr", "Vecinos de Zaporiyia huyen hacia Járkov", "es"),
    ("Serguéi Shoigú visita Mariúpol", "es", "Sergei Shoigu visits Mariupol", "en"),
    ("Dmitry Medvedev speaks about Chernobyl and Khrushchev", "en",
     "Dmitri Medvedev parle de Tchernobyl et de Khrouchtchev", "fr"),
    ("Wladimir Putin besucht Saporischschja und Charkiw", "de", "Vladimir Poutine visite Zaporijia et Kharkiv", "fr"),
    # a country rendered by its adjective
    ("The US envoy arrives in Kyiv", "en", "L'émissaire américain arrive à Kyiv", "fr"),
    ("Les dirigeants de l'UE à Bruxelles", "fr", "Los líderes europeos en Bruselas", "es"),
    ("El primer ministro británico en Kiev", "es", "The UK Prime Minister in Kyiv", "en"),
    # compound names of countries and territories, which no spelling relates
    ("The minister arrives in New Zealand", "en", "Le ministre arrive en Nouvelle-Zélande", "fr"),
    ("Talks in the Netherlands", "en", "Des discussions aux Pays-Bas", "fr"),
    ("Settlers in the West Bank", "en", "Colonos en Cisjordania", "es"),
    ("The minister arrives in South Africa", "en", "El ministro llega a Sudáfrica", "es"),
    ("Hilfsgüter für den Gazastreifen", "de", "Aid for the Gaza Strip", "en"),
    ("Elecciones en la República Checa", "es", "Wahlen in Tschechien", "de"),
    # German and Dutch join a name and a noun into one word
    ("Tourists at the Eiffel Tower on Monday", "en", "Touristen am Eiffelturm am Montag", "de"),
    ("Des touristes devant le Kremlin", "fr", "Toeristen bij het Kremlingebouw", "nl"),
])
def test_one_name_written_each_language_s_way(left, left_language, right, right_language):
    assert names.missing(left, right, left_language, right_language) == ([], [])


def test_a_common_noun_of_a_name_the_other_side_leaves_out_is_no_change():
    assert names.missing("Emmanuel Macron at the Élysée Palace", "Emmanuel Macron à l'Élysée", "en", "fr") == ([], [])
    # a surname is no common noun: a changed one is reported even when the first name stays
    assert names.missing("Donald Trump in Iowa", "Donald Biden en Iowa", "en", "es") == (["Trump"], ["Biden"])
    # and a name of which nothing is there is reported whole
    assert names.missing("The Élysée Palace in Paris", "Le Louvre à Paris", "en", "fr") == (
        ["Élysée Palace"], ["Louvre"])


@pytest.mark.parametrize(("text", "language", "name"), [
    ("El presidente Pedro Sánchez visita Valencia", "es", "Pedro Sánchez"),
    ("Le tennisman Carlos Alcaraz à Paris", "fr", "Carlos Alcaraz"),
    ("Arnold Schwarzenegger greets fans in Vienna", "en", "Arnold Schwarzenegger"),
    ("Tourists at the Niagara Falls", "en", "Niagara Falls"),
])
def test_a_name_keeps_its_last_word_even_when_few_languages_write_it(text, language, name):
    assert name in [n.text for n in names.names(text, language)]


@pytest.mark.parametrize(("left", "left_language", "right", "right_language", "expected"), [
    # a surname one language alone writes is no common noun
    ("Carlos Alcaraz gana en París", "es", "Carlos Sainz gagne à Paris", "fr", (["Alcaraz"], ["Sainz"])),
    ("Pedro Sánchez en Valencia", "es", "Pedro Almodóvar à Valence", "fr", (["Sánchez"], ["Almodóvar"])),
    # a last word some languages write as a common noun, rendered as one
    ("Tourists at the Niagara Falls", "en", "Des touristes aux chutes du Niagara", "fr", ([], [])),
])
def test_a_changed_last_word_of_a_name(left, left_language, right, right_language, expected):
    assert names.missing(left, right, left_language, right_language) == expected


def test_a_compound_holds_only_its_own_name():
    assert names.missing("Tourists at the Eiffel Tower on Monday", "Touristen am Louvre am Montag", "en", "de") == (
        ["Eiffel Tower"], ["Louvre"])


def test_a_transliterated_name_replaced_by_another_is_still_reported():
    assert names.missing("Soldados ucranianos cerca de Bajmut", "Des soldats ukrainiens près de Kramatorsk",
                         "es", "fr") == (["Bajmut"], ["Kramatorsk"])


def test_names_skip_sentence_openers_titles_and_months():
    found = [n.text for n in names.names("Le Premier ministre Denys Chmyhal est venu en May avec Tim Cook.")]
    assert found == ["Denys Chmyhal", "Tim Cook"]


def test_positions_with_names():
    found = positions("Volodymyr Zelensky (dcha.) y Jens Stoltenberg (izda.)")
    assert [(p.name, p.side) for p in found] == [("Volodymyr Zelensky", Side.RIGHT), ("Jens Stoltenberg", Side.LEFT)]
    found = positions("De g. à d. : Pierre Martin, Anne Durand et Paul Petit au centre")
    assert [p.side for p in found] == [Side.LEFT_TO_RIGHT, Side.CENTRE]


@pytest.mark.parametrize("text", [
    "From left: Pedro Sánchez, Ursula von der Leyen and Emmanuel Macron",
    "Ministers (from left) Pedro Sánchez and Emmanuel Macron",
    "(L-R) Pedro Sánchez and Emmanuel Macron",
    "De izq. a der.: Pedro Sánchez y Emmanuel Macron",
    "V.l.n.r.: Olaf Scholz und Emmanuel Macron",
    "Von links: Olaf Scholz und Emmanuel Macron",
    "Da sinistra, Giorgia Meloni ed Emmanuel Macron",
])
def test_an_order_is_one_marker_in_its_short_forms(text):
    assert [p.side for p in positions(text)] == [Side.LEFT_TO_RIGHT]


def test_from_the_left_in_other_senses_is_no_order():
    assert [p.side for p in positions("Criticism from the left grows")] == [Side.LEFT]


def test_positions_written_as_a_photos_marker_are_told_from_other_uses_of_the_words():
    found = positions("Right after the vote, a protester (left) argues with Anne Durand, à droite, near the Middle East desk")
    assert [(p.text, p.marked) for p in found] == [("Right", False), ("left", True), ("à droite", False),
                                                  ("Middle", False)]
    assert [p.marked for p in positions("Sánchez (izda.) y Macron (dcha.), de izquierda a derecha, izq. Biden (L)")] \
        == [True, True, True, True, True]


def test_content_drops_credits_and_icons():
    assert lexicon.content("photo_camera Sergei SUPINSKY / AFP - Le président ukrainien") == "Le président ukrainien"


def alone(left: str, left_language: str, right: str, right_language: str) -> tuple[list[str], list[str]]:
    """The numbers of each side that the other side lacks, as written."""
    result = numbers.unmatched(list(numbers.quantities(left, left_language)),
                               list(numbers.quantities(right, right_language)))
    return [q.text for q in result[0]], [q.text for q in result[1]]


def test_an_approximate_amount_counts_only_against_another_number():
    # "une vingtaine" is about twenty: the same amount as "unos veinte", not the same as "about 40"
    assert alone("Unos veinte bomberos", "es", "Une vingtaine de pompiers", "fr") == ([], [])
    assert alone("About 40 drones", "en", "Une vingtaine de drones", "fr") == (["40"], ["Une vingtaine"])
    # an approximate amount against a different one is still a changed number
    assert alone("Unos 40 drones", "es", "Environ 14 drones", "fr") == (["40"], ["14"])
    # and one the other side does not write is not reported alone
    assert alone("Unos 40 drones", "es", "Des drones", "fr") == ([], [])
    assert alone("40 drones", "es", "Environ 14 drones", "fr") == (["40"], ["14"])


def test_digits_inside_a_code_are_no_amount():
    from captioncheck.compare.numbers import quantities

    assert [q.text for q in quantities("Son N+1, le COVID-19 et le F-16 : 12 morts", "fr")] == ["12"]


def test_a_number_word_mostly_used_as_another_word_counts_only_against_another_number():
    # the Italian "sei" is "six" and "you are"
    assert alone("Sei sicuro di voler partire domani?", "it", "¿Estás seguro de que quieres irte mañana?", "es") == ([], [])
    assert alone("Ci sono sei feriti", "it", "Hay siete heridos", "es") == (["sei"], ["siete"])
    # ordinary number words are still reported alone
    assert alone("Ci sono cinque feriti", "it", "Hay heridos", "es") == (["cinque"], [])
    assert alone("Seis heridos en Madrid", "es", "Blessés à Madrid", "fr") == (["Seis"], [])


@pytest.mark.parametrize("left, left_language, right, right_language, expected", [
    ("Tom sigue en cama.", "es", "Pedro est toujours au lit.", "fr", (["Tom"], ["Pedro"])),
    ("Julia pasa horas en el baño.", "es", "Mary spends hours in the bathroom.", "en", (["Julia"], ["Mary"])),
    ("Zelenski, junto a los soldados heridos.", "es", "Emmanuel Macron, aux côtés des soldats blessés.", "fr",
     (["Zelenski"], ["Emmanuel Macron"])),
    ("Tom sigue en cama.", "es", "Tom est toujours au lit.", "fr", ([], [])),
    ("Saludad a los vecinos de la calle.", "es", "Saluez les voisins de la rue.", "fr", ([], [])),
])
def test_a_name_that_opens_its_sentence_is_a_name(left, left_language, right, right_language, expected):
    assert names.missing(left, right, left_language, right_language) == expected


def test_first_names_an_encoder_sets_together_are_not_translations_unless_they_sound_alike():
    def everything_translates(left: str, right: str) -> bool:
        return True

    assert names.missing("Tom a perdu ses amis.", "Jim hat seine Freunde verloren.", "fr", "de",
                         translated=everything_translates) == (["Tom"], ["Jim"])
    assert names.missing("Pedro a perdu ses amis au Mexique.", "Pierre hat seine Freunde in Mexiko verloren.", "fr",
                         "de", translated=everything_translates) == ([], [])
    assert names.may_be_forms_of_one_name("John", "Juan") and names.may_be_forms_of_one_name("Phantom", "Fantasma")
    assert names.may_be_forms_of_one_name("VIH", "SIDA") and not names.may_be_forms_of_one_name("Tom", "Jim")


@pytest.mark.parametrize("left, left_language, right, right_language", [
    ("Mil personas se manifiestan en Madrid", "es", "Un millier de personnes manifestent à Madrid", "fr"),
    ("Deux milliers de manifestants", "fr", "Dos millares de manifestantes", "es"),
    ("Una docena de heridos", "es", "Douze blessés", "fr"),
    ("Centinaia di persone in piazza", "it", "Des centaines de personnes sur la place", "fr"),
    ("Hundreds of people in the square", "en", "Centinaia di persone in piazza", "it"),
    ("La iglesia del siglo VI", "es", "The 6th-century church", "en"),
    ("Une église du VIe siècle", "fr", "Una chiesa del sesto secolo", "it"),
    ("A church from the sixth century", "en", "Eine Kirche aus dem 6. Jahrhundert", "de"),
    ("Los retos del siglo XXI", "es", "Les défis du XXIe siècle", "fr"),
    ("Les défis du vingt et unième siècle", "fr", "The challenges of the 21st century", "en"),
])
def test_collective_numerals_and_centuries_however_written(left, left_language, right, right_language):
    assert alone(left, left_language, right, right_language) == ([], [])


def test_a_changed_century_is_reported_and_a_century_is_no_amount():
    assert alone("Une église du VIe siècle", "fr", "Una iglesia del siglo VII", "es") == (["VI"], ["VII"])
    assert alone("Los retos del siglo XXI", "es", "21 challenges", "en") == (["XXI"], ["21"])


@pytest.mark.parametrize("left, left_language, right, right_language", [
    ("Inondations au Mozambique", "fr", "Überschwemmungen in Mosambik", "de"),
    ("Elecciones en Chequia", "es", "Élections en Tchéquie", "fr"),
    ("Un barco llega a Islandia", "es", "Een schip bereikt IJsland", "nl"),
    ("Lluvias en Costa de Marfil", "es", "Pluies en Côte d'Ivoire", "fr"),
    ("Los estadounidenses votan", "es", "Les Étasuniens votent", "fr"),
])
def test_countries_in_every_checked_language_from_cldr(left, left_language, right, right_language):
    assert names.missing(left, right, left_language, right_language) == ([], [])


def test_the_table_of_territories_is_what_cldr_says():
    from captioncheck.vocabulary import cldr

    assert cldr.TARGET.read_text(encoding="utf-8") == cldr.module_text(), \
        "run: python -m captioncheck.vocabulary.cldr"
