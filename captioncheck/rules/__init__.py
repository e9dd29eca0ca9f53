"""The rules: one module per rule, whose docstring is its documentation.

:mod:`~captioncheck.catalog` names them (ids, codes, severities) without loading any;
:mod:`~captioncheck.rules.registry` loads them and runs them. Importing this package loads neither.
"""
