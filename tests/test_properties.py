"""Property-based tests (Hypothesis) over readers, segmentation, language identification, pairing,
rules and every formatter, and over configuration values. See tests/properties.py for the properties;
bench/fuzz.py runs the same properties on 10,000+ inputs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from captioncheck.checker import Checker

from properties import check_config_value, check_properties, config_keys, config_values, formats, \
    sarif_validator, texts

VALIDATOR = sarif_validator()
PROFILE = settings(max_examples=60, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@PROFILE
@given(text=texts, input_format=formats)
def test_any_text_in_any_format_keeps_every_property(checker: Checker, text: str, input_format: str):
    check_properties(checker, text, input_format, VALIDATOR)


@PROFILE
@given(key=config_keys, value=config_values)
def test_any_configuration_value_is_accepted_or_refused_with_its_key(key: str, value: object):
    check_config_value(key, value)
