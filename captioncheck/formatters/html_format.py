"""An HTML report for editors: one self-contained page (no network, no external file), offline.

For each file checked, clean ones included, its findings in order; under a finding about a caption pair, the source caption and
its translation side by side with what differs marked on both; under any other finding, the text with the
span marked. A bar at the top filters by severity and by rule (a few lines of inline script; without
script every finding is shown). Every text from an article is escaped, so a caption holding markup
or a script is shown, never run. The page is a pure function of the reports: the same input gives
the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..about import __version__
from ..report import FileReport
from ..findings import Finding
from .summary import OutputOptions, summarize, totals_line

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:12px 24px;position:sticky;top:0}
header h1{font-size:18px;margin:0 0 6px}
header label{margin-right:14px}
main{padding:8px 24px 40px;max-width:1200px}
section.file{background:#fff;border:1px solid #d8dce3;border-radius:6px;margin:16px 0;padding:8px 16px}
section.file h2{font-size:16px;margin:6px 0;word-break:break-all}
p.error{color:#a31515;font-weight:600}
article.finding{border-top:1px solid #eceff3;padding:10px 0}
.where{font-family:ui-monospace,monospace;color:#555}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:700;color:#fff}
.badge.error{background:#c62828}.badge.warning{background:#b26a00}
.rule{font-family:ui-monospace,monospace;font-size:13px;color:#444}
.message{margin:4px 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.side{background:#f3f5f8;border-radius:4px;padding:6px 10px}
.side .label{font-size:12px;color:#666}
.excerpt{background:#f3f5f8;border-radius:4px;padding:6px 10px}
mark{background:#ffe08a;padding:0 1px}
footer{color:#777;font-size:12px;padding:0 24px 24px}
@media (max-width:640px){main{padding:4px 8px 24px}header{padding:8px 10px}.pair{grid-template-columns:1fr}
section.file{padding:6px 8px}}
body{overflow-wrap:anywhere}
p.clean{color:#2e7d32;margin:4px 0}
p.fix{margin:6px 0 0;font-size:13px;color:#2e5c8a}p.fix del{color:#8a1c1c}
"""

SCRIPT = """
(function(){
  function apply(){
    var severity=document.getElementById('severity').value, rule=document.getElementById('rule').value;
    document.querySelectorAll('article.finding').forEach(function(a){
      var show=(!severity||a.dataset.severity===severity)&&(!rule||a.dataset.rule===rule);
      a.hidden=!show;
    });
    document.querySelectorAll('section.file').forEach(function(s){
      var shown=s.querySelectorAll('article.finding:not([hidden])').length;
      s.querySelector('.count').textContent=shown;
    });
  }
  document.getElementById('severity').addEventListener('change',apply);
  document.getElementById('rule').addEventListener('change',apply);
})();
"""


def _marked(text: str, start: int, end: int) -> str:
    """``text`` escaped, with ``[start, end)`` in <mark>."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"


def _finding(report: FileReport, finding: Finding) -> str:
    head = (f'<div><span class="where">{escape(report.path)}:{finding.line}:{finding.column}</span> '
            f'<span class="badge {finding.severity.value}">{finding.severity.value}</span> '
            f'<span class="rule">{escape(finding.rule)} [{finding.code}]</span></div>'
            f'<p class="message">{escape(finding.message)}</p>')
    body = ""
    document = report.document
    if document is not None and finding.segment is not None:
        segment = document.segments[finding.segment]
        start, end = segment.offsets(finding.line, finding.column, finding.end_line, finding.end_column)
        if finding.related_segment is not None and finding.code.startswith("CC2"):
            source = document.segments[finding.related_segment]
            source_text = escape(source.text) if finding.related_span is None else \
                _marked(source.text, *source.offsets(*finding.related_span))
            body = ('<div class="pair">'
                    f'<div class="side source"><div class="label">line {source.line} (source)</div>'
                    f'{source_text}</div>'
                    f'<div class="side target"><div class="label">line {segment.line} (translation)</div>'
                    f'{_marked(segment.text, start, end)}</div></div>')
        else:
            body = f'<div class="excerpt">{_marked(segment.text, start, end)}</div>'
    return (f'<article class="finding" data-severity="{finding.severity.value}" data-rule="{escape(finding.rule)}">'
            f"{head}{body}{_fix(report, finding)}</article>")


FIX_SHOWN = 160  # characters of what a fix removes shown under its finding


def _fix(report: FileReport, finding: Finding) -> str:
    """What ``--fix`` would do for ``finding``: its description, and the text it removes struck through."""
    fix = finding.fix
    if fix is None:
        return ""
    how = "captioncheck --fix" if fix.applicability.value == "safe" else "captioncheck --fix --unsafe-fixes"
    removed = ""
    if report.document is not None and report.document.source:
        text = " ".join(" ".join(report.document.source[e.start:e.end].split()) for e in fix.edits)
        shown = text if len(text) <= FIX_SHOWN else text[:FIX_SHOWN - 1] + "…"
        removed = f" <del>{escape(shown)}</del>" if shown else ""
    return (f'<p class="fix {fix.applicability.value}">Fix ({fix.applicability.value}, {how}): '
            f"{escape(fix.description)}{removed}</p>")


def _file(report: FileReport) -> str:
    title = f"<h2>{escape(report.path)} — findings: <span class=\"count\">{len(report.findings)}</span>"
    if report.error is not None:
        return f'<section class="file">{title}</h2><p class="error">not checked: {escape(report.error)}</p></section>'
    language = f" (article in {escape(report.language)})" if report.language else ""
    findings = "".join(_finding(report, f) for f in report.findings) or '<p class="clean">No findings.</p>'
    return f'<section class="file">{title}{language}</h2>{findings}</section>'


def format_reports(reports: Sequence[FileReport], options: OutputOptions | None = None) -> str:
    summary = summarize(reports)
    rules = sorted({f.rule for r in reports for f in r.findings})
    rule_options = "".join(f'<option value="{escape(rule)}">{escape(rule)}</option>' for rule in rules)
    totals = totals_line(summary)
    files = "".join(_file(r) for r in reports)  # clean ones too: an editor sees that a file passed
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">"
        f"<title>captioncheck report</title><style>{STYLE}</style></head><body>"
        f'<header><h1>captioncheck report</h1><div id="totals">{escape(totals)}</div>'
        '<label>Severity <select id="severity"><option value="">all</option><option value="error">errors</option>'
        '<option value="warning">warnings</option></select></label>'
        f'<label>Rule <select id="rule"><option value="">all</option>{rule_options}</select></label></header>'
        f"<main>{files or '<p>No files checked.</p>'}</main>"
        f"<footer>captioncheck {escape(__version__)}</footer><script>{SCRIPT}</script></body></html>\n"
    )
