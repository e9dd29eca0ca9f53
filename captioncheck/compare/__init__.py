"""What the two sides of a pair are compared on: word alignment, the equivalence score and its
omission and truncation evidence, names, numbers, dates and left/right positions.

The rules read these verdicts; nothing here knows of rules, findings or the command line.
"""
