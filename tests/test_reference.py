"""The generated references list every rule and every option the code has."""

from __future__ import annotations

from captioncheck.reference import main, options_reference, rules_reference, stale
from captioncheck.rules.registry import RULES
from captioncheck.settings import OPTIONS


def test_every_rule_has_a_row_and_a_section_with_its_documentation():
    text = rules_reference()
    for rule in RULES:
        assert f"| {rule.RULE.code} | [`{rule.RULE.id}`](#{rule.RULE.id}) | {rule.RULE.severity.value} |" in text
        assert f"\n## {rule.RULE.id}\n\n**{rule.RULE.id} ({rule.RULE.code}, {rule.RULE.severity.value}):" in text


def test_every_option_has_its_flag_its_key_and_its_default():
    text = options_reference()
    for option in OPTIONS:
        assert f"`--{option.key}" in text
        assert (f"| `{option.key}` |" in text) == option.in_config
    assert "| `-f`, `--format text\\|json\\|sarif\\|github\\|html` | `format` | `text` |" in text


def test_check_says_which_document_is_stale_and_writing_fixes_it(tmp_path, capsys):
    assert main([str(tmp_path)]) == 0
    assert stale(tmp_path) == []
    (tmp_path / "rules.md").write_text("edited by hand\n", encoding="utf-8")
    assert main(["--check", str(tmp_path)]) == 1
    assert "rules.md is stale" in capsys.readouterr().err
    assert main([str(tmp_path)]) == 0 and main(["--check", str(tmp_path)]) == 0
