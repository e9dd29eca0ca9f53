"""Words that open a sentence capitalised without being part of a name that follows them.

"Le président", "El Gobierno", "The minister": a run of capitalised words that starts with one of
these is no name (:mod:`captioncheck.compare.names`), and a credit that ends with one has run on into the
caption after it (:mod:`captioncheck.vocabulary.credits`). Lower case, accents removed.
"""

SENTENCE_OPENERS = frozenset("""
le la les l un une des du au aux en dans pour par sur selon a el los las lo una unos unas con por para
segun the a an in on at for by from with according il lo gli i uno nel nella per der die das ein eine im
o os as um uma no na do da em
""".split())
