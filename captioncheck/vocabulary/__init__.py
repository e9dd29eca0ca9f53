"""The news vocabulary: photo credits and agencies, interface and navigation text, sentence openers.

Closed lists and the patterns built from them; the readers, the language identification and the
pair verdicts all read them, so this package imports nothing of the pipeline.
"""
