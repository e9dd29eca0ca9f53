"""The audit's summary: counts per rule, language pair and section, the articles an editor must open.

Made from the partitions' manifests alone (the findings files are not read again), printed as text
and written as ``summary.json`` and ``summary.html``: one self-contained page (inline style and SVG,
no script, nothing fetched) with a bar chart of the findings per rule. Both name the articles not
checked, with their reason (the first ``LISTED``, in archive order), and the articles with the most
errors and findings (the first ``LISTED``); ``articles.csv`` names every one of them, for a
spreadsheet.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..about import __version__
from ..catalog import BY_ID as RULES_BY_ID

TOP = 10
LISTED = 50  # articles named in summary.json and summary.html; articles.csv names all
ARTICLES_FILE = "articles.csv"


@dataclass(frozen=True)
class ListedArticle:
    """An article the summary names: not checked (``reason``) or with findings."""

    row: int  # the article's row in the archive, from 0
    id: str | None
    path: str | None
    reason: str | None = None
    findings: int = 0
    errors: int = 0
    rules: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return "not checked" if self.reason is not None else "findings"

    def to_json(self) -> dict[str, Any]:
        if self.reason is not None:
            return {"row": self.row, "id": self.id, "path": self.path, "reason": self.reason}
        return {"row": self.row, "id": self.id, "path": self.path, "findings": self.findings,
                "errors": self.errors, "rules": list(self.rules)}


@dataclass(frozen=True)
class Summary:
    archive: str
    partitions: int
    articles: int = 0
    errors: int = 0
    articles_with_findings: int = 0
    findings: int = 0
    seconds: float = 0.0  # summed over partitions (worker time)
    worker_peak_mb: float = 0.0  # the largest peak resident memory of a worker process
    rules: tuple[tuple[str, int], ...] = ()
    severities: tuple[tuple[str, int], ...] = ()
    language_pairs: tuple[tuple[str, int], ...] = ()
    sections: tuple[tuple[str, int], ...] = ()
    slowest: tuple[tuple[float, str], ...] = ()
    largest: tuple[tuple[int, str], ...] = ()
    failed: tuple[int, ...] = field(default=())  # partitions not done in this run
    not_checked: tuple[ListedArticle, ...] = ()  # the first LISTED, in archive order
    most_findings: tuple[ListedArticle, ...] = ()  # the first LISTED by errors, then findings

    def to_json(self) -> dict[str, Any]:
        return {
            "version": __version__, "archive": self.archive, "partitions": self.partitions,
            "articles": self.articles, "errors": self.errors, "articles_with_findings": self.articles_with_findings,
            "findings": self.findings, "worker_seconds": self.seconds, "worker_peak_mb": self.worker_peak_mb,
            "rules": dict(self.rules), "severities": dict(self.severities),
            "language_pairs": dict(self.language_pairs), "sections": dict(self.sections),
            "slowest": [list(s) for s in self.slowest], "largest": [list(x) for x in self.largest],
            "failed_partitions": list(self.failed),
            "not_checked": [a.to_json() for a in self.not_checked],
            "most_findings": [a.to_json() for a in self.most_findings],
            "articles_file": ARTICLES_FILE,
        }


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def listed_articles(manifests: Iterable[Mapping[str, Any]]) -> list[ListedArticle]:
    """Every article not checked or with findings, in archive order."""
    listed = [ListedArticle(row=int(entry["row"]), id=entry.get("id"), path=entry.get("path"),
                            reason=entry.get("reason"), findings=int(entry.get("findings", 0)),
                            errors=int(entry.get("errors", 0)), rules=tuple(entry.get("rules", ())))
              for manifest in manifests for entry in manifest.get("listed", ())]
    return sorted(listed, key=lambda a: a.row)


def summarize(archive: str, partitions: int, manifests: Iterable[Mapping[str, Any]], failed: Iterable[int] = ()) -> Summary:
    totals: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    by_pair: Counter[str] = Counter()
    by_section: Counter[str] = Counter()
    slowest: list[tuple[float, str]] = []
    largest: list[tuple[int, str]] = []
    seconds = peak = 0.0
    manifests = list(manifests)
    listed = listed_articles(manifests)
    for manifest in manifests:
        for key in ("articles", "errors", "articles_with_findings", "findings"):
            totals[key] += manifest[key]
        by_rule.update(manifest["rules"])
        by_severity.update(manifest.get("severities", {}))
        by_pair.update(manifest["language_pairs"])
        by_section.update(manifest["sections"])
        slowest += [(float(s), str(i)) for s, i in manifest["slowest"]]
        largest += [(int(n), str(i)) for n, i in manifest["largest"]]
        seconds += manifest["seconds"]
        peak = max(peak, manifest.get("worker_peak_mb", 0.0))
    return Summary(
        archive=archive, partitions=partitions, articles=totals["articles"], errors=totals["errors"],
        articles_with_findings=totals["articles_with_findings"], findings=totals["findings"],
        seconds=round(seconds, 3), worker_peak_mb=peak, rules=_ranked(by_rule), severities=_ranked(by_severity),
        language_pairs=_ranked(by_pair), sections=_ranked(by_section),
        slowest=tuple(sorted(slowest, key=lambda s: (-s[0], s[1]))[:TOP]),
        largest=tuple(sorted(largest, key=lambda s: (-s[0], s[1]))[:TOP]),
        failed=tuple(sorted(failed)),
        not_checked=tuple(a for a in listed if a.reason is not None)[:LISTED],
        most_findings=tuple(sorted((a for a in listed if a.reason is None),
                                   key=lambda a: (-a.errors, -a.findings, a.row))[:LISTED]),
    )


def format_csv(listed: Iterable[ListedArticle]) -> str:
    """``articles.csv``: one row per article not checked or with findings."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("row", "id", "path", "status", "reason", "findings", "errors", "rules"))
    for a in listed:
        writer.writerow((a.row, a.id or "", a.path or "", a.status, a.reason or "", a.findings, a.errors,
                         " ".join(a.rules)))
    return out.getvalue()


def _name(article: ListedArticle) -> str:
    """How an editor finds the article: its id, and its path when it has one."""
    name = article.id if article.id is not None else f"row {article.row}"
    return f"{name} ({article.path})" if article.path and article.path != article.id else name


def _rule_label(rule_id: str) -> str:
    info = RULES_BY_ID.get(rule_id)
    return f"{rule_id} ({info.code})" if info is not None else rule_id


def format_text(summary: Summary) -> str:
    lines = [f"{summary.articles} articles audited in {summary.partitions} partitions: {summary.findings} findings "
             f"in {summary.articles_with_findings} articles, {summary.errors} articles not checked"]
    sections = (("per rule", [(_rule_label(r), n) for r, n in summary.rules]),
                ("per language pair (segment>article)", list(summary.language_pairs[:TOP])),
                ("per section", list(summary.sections[:TOP])))
    for title, items in sections:
        if items:
            width = max(len(name) for name, _ in items)
            lines.append(f"{title}:")
            lines += [f"  {name:<{width}}  {count:>8}" for name, count in items]
    for title, articles, total in (("articles not checked", summary.not_checked, summary.errors),
                                   ("articles with the most findings", summary.most_findings,
                                    summary.articles_with_findings)):
        if articles:
            shown = articles[:5]
            lines.append(f"{title}" + (f" (first {len(shown)} of {total})" if total > len(shown) else "") + ":")
            lines += [f"  {_name(a)}: " + (a.reason if a.reason is not None else
                                           f"{a.findings} finding{'s' * (a.findings != 1)} ({', '.join(a.rules)})") for a in shown]
    if summary.slowest:
        lines.append("slowest articles: " + ", ".join(f"{i} ({s:.2f} s)" for s, i in summary.slowest[:5]))
        lines.append("largest articles: " + ", ".join(f"{i} ({n} characters)" for n, i in summary.largest[:5]))
    if summary.failed:
        lines.append(f"{len(summary.failed)} partitions not done (a worker died): run the same command again "
                     "to do them")
    return "\n".join(lines) + "\n"


def _bar_chart(items: list[tuple[str, int]]) -> str:
    if not items:
        return "<p>No findings.</p>"
    top = max(count for _, count in items)
    row, label_width, bar_width = 26, 300, 420
    chart_width, chart_height = label_width + bar_width + 90, row * len(items) + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="findings per rule" '
             f'width="{chart_width}" height="{chart_height}" viewBox="0 0 {chart_width} {chart_height}">']
    for n, (label, count) in enumerate(items):
        y = n * row + 4
        width = max(1, round(bar_width * count / top))
        parts.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">{html.escape(label)}</text>'
                     f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row - 8}" fill="#3867d6"/>'
                     f'<text x="{label_width + width + 6}" y="{y + 17}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(title: str, head: tuple[str, ...], items: Iterable[tuple[Any, ...]], note: str = "") -> str:
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in item) + "</tr>"
                   for item in items)
    if not rows:
        return ""
    heads = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    return (f"<h2>{html.escape(title)}</h2>{note}<table><thead><tr>{heads}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _first_of(shown: int, total: int) -> str:
    if total <= shown:
        return ""
    return f"<p>The first {shown} of {total}; {ARTICLES_FILE} names all.</p>"


def format_html(summary: Summary) -> str:
    style = ("body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1e272e}"
             "table{border-collapse:collapse;margin-bottom:1.5rem}td,th{border-bottom:1px solid #d2dae2;"
             "padding:.25rem .8rem;text-align:left;overflow-wrap:anywhere}svg{max-width:100%;height:auto}"
             "svg text{font-size:13px}")
    body = [
        f"<h1>captioncheck audit</h1><p>{html.escape(summary.archive)}</p>",
        f"<p><strong>{summary.articles}</strong> articles in {summary.partitions} partitions: "
        f"<strong>{summary.findings}</strong> findings in {summary.articles_with_findings} articles; "
        f"{summary.errors} articles not checked.</p>",
        _table("Articles not checked", ("row", "article", "reason"),
               [(a.row, _name(a), a.reason) for a in summary.not_checked],
               _first_of(len(summary.not_checked), summary.errors)),
        _table("Articles with the most findings", ("article", "errors", "findings", "rules"),
               [(_name(a), a.errors, a.findings, ", ".join(a.rules)) for a in summary.most_findings],
               _first_of(len(summary.most_findings), summary.articles_with_findings)),
        "<h2>Findings per rule</h2>", _bar_chart([(_rule_label(r), n) for r, n in summary.rules]),
        _table("Per language pair (segment > article)", ("pair", "findings"), summary.language_pairs),
        _table("Per section", ("section", "findings"), summary.sections),
        _table("Slowest articles", ("id", "seconds"), [(i, f"{s:.3f}") for s, i in summary.slowest]),
        _table("Largest articles", ("id", "characters"), [(i, n) for n, i in summary.largest]),
    ]
    if summary.failed:
        body.append(f"<p>{len(summary.failed)} partitions were not done: run the audit again to do them.</p>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>captioncheck audit</title>"
            f"<style>{style}</style></head><body>{''.join(body)}"
            f"<footer><p>captioncheck {html.escape(__version__)}</p></footer></body></html>\n")


def to_json_text(summary: Summary) -> str:
    return json.dumps(summary.to_json(), indent=2, ensure_ascii=False) + "\n"
