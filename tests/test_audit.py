"""captioncheck audit: archives cut into partitions, findings equal to the CLI's, error rows, resume."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from captioncheck.audit.archive import make_plan, read_partition
from captioncheck.audit.output import read_findings

from conftest import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
EXAMPLES = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md", ".html"))
FORMATS = {".txt": "text", ".md": "markdown", ".html": "html"}
FINDING_FIELDS = ("rule", "code", "severity", "line", "column", "end_line", "end_column", "language", "message",
                  "score")


def _rows(repeat: int = 1) -> list[dict]:
    rows = []
    for n in range(repeat):
        for example in EXAMPLES:
            rows.append({"id": f"{n}-{example.name}", "text": example.read_text(encoding="utf-8"),
                         "format": FORMATS[example.suffix], "path": f"{example.stem[:2]}/{example.name}",
                         "published": f"2024-05-{1 + n % 28:02d}", "words": len(example.read_text().split())})
    return rows


def _write_jsonl(path: Path, rows: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _audit(*args: str) -> subprocess.CompletedProcess:
    """``captioncheck audit ...``, its output as text."""
    done = run_cli("audit", *args)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def _findings_by_id(directory: Path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = defaultdict(list)
    for file in sorted((directory / "findings").iterdir()):
        for row in read_findings(file):
            found[row["id"]].append(row)
    return found


# --- the archive's partitions -------------------------------------------------------------------

@pytest.mark.parametrize("rows_per_partition", [1, 2, 3, 7, 100])
@pytest.mark.parametrize("trailing_newline", [True, False])
def test_jsonl_partitions_hold_every_line_once(tmp_path, rows_per_partition, trailing_newline):
    lines = [json.dumps({"id": n, "text": f"ligne {n}"}) for n in range(11)]
    lines[4] = ""  # a blank line is no row, but keeps the numbering
    archive = tmp_path / "a.jsonl"
    archive.write_text("\n".join(lines) + ("\n" if trailing_newline else ""), encoding="utf-8")
    plan = make_plan(archive, rows_per_partition)
    seen = [(number, row["id"]) for p in plan.partitions for number, row in read_partition(plan.source, p)]
    assert seen == [(n, n) for n in range(11) if n != 4]
    assert plan.rows == 11 and all(p.rows <= rows_per_partition for p in plan.partitions)


def test_parquet_partitions_follow_row_groups(tmp_path):
    archive = tmp_path / "a.parquet"
    table = pa.table({"id": [str(n) for n in range(25)], "text": [f"texte {n}" for n in range(25)]})
    pq.write_table(table, archive, row_group_size=10)
    plan = make_plan(archive, 4)
    assert [(p.row_group, p.start, p.rows) for p in plan.partitions] == [
        (0, 0, 4), (0, 4, 4), (0, 8, 2), (1, 0, 4), (1, 4, 4), (1, 8, 2), (2, 0, 4), (2, 4, 1)]
    seen = [row["id"] for p in plan.partitions for _, row in read_partition(plan.source, p)]
    assert seen == [str(n) for n in range(25)]


# --- verdicts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_findings_equal_the_command_lines(tmp_path, suffix):
    rows = _rows()
    archive = tmp_path / f"archive{suffix}"
    if suffix == ".jsonl":
        _write_jsonl(archive, rows)
    else:
        pq.write_table(pa.Table.from_pylist(rows), archive, row_group_size=5)
    out = tmp_path / "out"
    done = _audit(str(archive), "--output", str(out), "--partition-rows", "3", "--jobs", "2",
                  "--output-format", "jsonl" if suffix == ".parquet" else "parquet")
    assert done.returncode == 1, done.stderr  # the examples have errors, nothing is unreadable
    found = _findings_by_id(out)
    cli = run_cli("--format", "json", *map(str, EXAMPLES))
    report = json.loads(cli.stdout)
    assert len(report["files"]) == len(EXAMPLES)
    for example, entry in zip(EXAMPLES, report["files"]):
        expected = [tuple(f[k] for k in FINDING_FIELDS) for f in entry["findings"]]
        audited = [tuple(r[k] for k in FINDING_FIELDS) for r in found.get(f"0-{example.name}", [])]
        assert audited == expected, example.name
        for row in found.get(f"0-{example.name}", []):
            assert row["article_language"] == entry["language"]
            assert row["path"] == f"{example.stem[:2]}/{example.name}"
            assert row["published"] == "2024-05-01"  # carried through
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == len(EXAMPLES)
    assert summary["findings"] == sum(len(e["findings"]) for e in report["files"])


def test_carried_columns_keep_their_parquet_types(tmp_path):
    archive = tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_pylist(_rows()), archive)
    out = tmp_path / "out"
    _audit(str(archive), "--output", str(out), "--jobs", "1")
    [findings] = list((out / "findings").iterdir())
    schema = pq.read_schema(findings)
    assert schema.field("words").type == pa.int64()
    assert schema.field("published").type == pa.string()
    assert schema.field("line").type == pa.int64()


def test_a_pair_finding_carries_both_texts(tmp_path):
    example = DATA / "fr-caption-es.txt"
    archive = _write_jsonl(tmp_path / "a.jsonl", [{"id": 7, "text": example.read_text(encoding="utf-8")}])
    out = tmp_path / "out"
    _audit(str(archive), "--output", str(out), "--output-format", "jsonl")
    [untranslated] = [r for r in _findings_by_id(out)["7"] if r["rule"] == "untranslated-segment"]
    lines = example.read_text(encoding="utf-8").splitlines()
    assert untranslated["segment_text"] in lines[untranslated["line"] - 1]
    assert untranslated["related_text"] in lines[untranslated["related_line"] - 1]


def test_a_bad_article_is_one_error_row(tmp_path):
    good = _rows()[:2]
    bad = [{"text": "sin identificador"}, {"id": "no-text"}, {"id": "bad-format", "text": "x", "format": "pdf"},
           {"id": "bad-language", "text": "Un texte.", "language": "français"},
           {"id": "too-large", "text": "Le texte. " * 600_000}]
    archive = _write_jsonl(tmp_path / "a.jsonl", good + bad, extra_lines=("{not json", "[1, 2]"))
    out = tmp_path / "out"
    done = _audit(str(archive), "--output", str(out), "--partition-rows", "4", "--output-format", "jsonl")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    errors = [row for rows in _findings_by_id(out).values() for row in rows if row.get("error")]
    by_row = {row["row"]: row for row in errors}
    assert sorted(by_row) == [2, 3, 4, 5, 6, 7, 8]
    assert "'id'" in by_row[2]["error"] and by_row[2]["id"] is None
    assert "'text'" in by_row[3]["error"] and by_row[3]["id"] == "no-text"
    assert "format 'pdf'" in by_row[4]["error"]
    assert "français" in by_row[5]["error"]
    assert "larger than the limit" in by_row[6]["error"]
    assert "not JSON" in by_row[7]["error"] and "not a JSON object" in by_row[8]["error"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["errors"] == 7 and summary["articles"] == 9 and summary["failed_partitions"] == []
    # the summary names every article not checked, with its reason, in archive order
    assert [a["row"] for a in summary["not_checked"]] == [2, 3, 4, 5, 6, 7, 8]
    assert [a["id"] for a in summary["not_checked"]][:4] == [None, "no-text", "bad-format", "bad-language"]
    assert all(a["reason"] == by_row[a["row"]]["error"] for a in summary["not_checked"])
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "Articles not checked" in page and "bad-format" in page and "format &#x27;pdf&#x27;" in page
    assert "articles not checked (first 5 of 7):" in done.stdout and "no-text: no 'text'" in done.stdout


def test_summary_page_is_self_contained(tmp_path):
    archive = _write_jsonl(tmp_path / "a.jsonl", _rows())
    out = tmp_path / "out"
    done = _audit(str(archive), "--output", str(out))
    page = (out / "summary.html").read_text(encoding="utf-8")
    summary = json.loads((out / "summary.json").read_text())
    assert "<svg" in page and "<script" not in page and "http" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    for rule, count in summary["rules"].items():
        assert rule in page and f">{count}<" in page
        assert rule in done.stdout
    assert set(summary["sections"]) <= {"de", "en", "es", "fr", "it"}


def test_summary_names_the_articles_with_findings_and_a_csv_names_all(tmp_path):
    rows = _rows(repeat=2)
    archive = _write_jsonl(tmp_path / "a.jsonl", rows)
    out = tmp_path / "out"
    done = _audit(str(archive), "--output", str(out), "--partition-rows", "5", "--output-format", "jsonl")
    found = _findings_by_id(out)
    summary = json.loads((out / "summary.json").read_text())
    listed = summary["most_findings"]
    assert {a["id"] for a in listed} == set(found) and len(listed) == summary["articles_with_findings"]
    for article in listed:
        assert article["findings"] == len(found[article["id"]])
        assert article["errors"] == sum(r["severity"] == "error" for r in found[article["id"]])
        assert article["rules"] == sorted({r["rule"] for r in found[article["id"]]})
    ranks = [(-a["errors"], -a["findings"], a["row"]) for a in listed]
    assert ranks == sorted(ranks)  # the most errors first
    with (out / summary["articles_file"]).open(encoding="utf-8", newline="") as file:
        table = list(csv.DictReader(file))
    assert [int(r["row"]) for r in table] == sorted(a["row"] for a in listed)
    assert {r["id"]: int(r["findings"]) for r in table} == {i: len(f) for i, f in found.items()}
    assert all(r["status"] == "findings" and r["reason"] == "" for r in table)
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "Articles with the most findings" in page and listed[0]["id"] in page
    assert f"{listed[0]['id']} ({listed[0]['path']})" in done.stdout


# --- resuming -----------------------------------------------------------------------------------

def test_a_rerun_skips_complete_partitions_and_refuses_a_changed_archive(tmp_path):
    archive = _write_jsonl(tmp_path / "a.jsonl", _rows())
    out = tmp_path / "out"
    _audit(str(archive), "--output", str(out), "--partition-rows", "4", "--output-format", "jsonl")
    manifests = sorted((out / "manifests").iterdir())
    before = {m.name: m.stat().st_mtime_ns for m in manifests}
    (out / "findings" / ".part-000001.jsonl.0123abcd.tmp").write_text("half")  # what a kill leaves
    manifests[1].unlink()
    again = _audit(str(archive), "--output", str(out), "--partition-rows", "4", "--output-format", "jsonl")
    assert f"1 partitions done now, {len(manifests) - 1} done before" in again.stdout
    after = {m.name: m.stat().st_mtime_ns for m in (out / "manifests").iterdir()}
    assert {k: v for k, v in after.items() if k != manifests[1].name} == {
        k: v for k, v in before.items() if k != manifests[1].name}
    assert not list(out.rglob("*.tmp"))

    _write_jsonl(archive, _rows()[:-1])
    changed = _audit(str(archive), "--output", str(out), "--partition-rows", "4", "--output-format", "jsonl")
    assert changed.returncode == 2 and "Traceback" not in changed.stderr
    assert "of this archive before it changed" in changed.stderr
    restarted = _audit(str(archive), "--output", str(out), "--partition-rows", "4", "--output-format", "jsonl",
                       "--restart")
    assert restarted.returncode == 1 and f"{len(EXAMPLES) - 1} articles audited" in restarted.stdout


def test_a_refused_rerun_names_what_changed(tmp_path):
    archive = _write_jsonl(tmp_path / "a.jsonl", _rows()[:2])
    out = tmp_path / "out"
    args = (str(archive), "--output", str(out), "--output-format", "jsonl")
    assert _audit(*args).returncode in (0, 1)
    rows = _audit(*args[:-2], "--partition-rows", "7", "--output-format", "jsonl")
    assert rows.returncode == 2 and "--partition-rows 500 where this run has 7" in rows.stderr
    (tmp_path / ".captioncheck.toml").write_text('language = "es"\n', encoding="utf-8")
    done = run_cli("audit", *args, cwd=tmp_path)
    message = done.stderr.decode()
    assert done.returncode == 2 and 'setting language = null where this run has "es"' in message
    assert message.count("\n") == 1 and "--restart" in message
    other = _write_jsonl(tmp_path / "b.jsonl", _rows()[:2])
    moved = _audit(str(other), *args[1:])
    assert moved.returncode == 2 and f"of another archive ({archive.resolve()})" in moved.stderr


@pytest.mark.dask
def test_dask_run_killed_then_resumed_redoes_only_unfinished_partitions(tmp_path):
    """A real LocalCluster run, killed with SIGKILL (workers and all), then run again."""
    pytest.importorskip("distributed")
    archive = _write_jsonl(tmp_path / "a.jsonl", _rows(repeat=40))
    total_partitions = -(-len(EXAMPLES) * 40 // 5)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "captioncheck", "audit", str(archive), "--output", str(out),
               "--engine", "dask", "--jobs", "2", "--partition-rows", "5", "--output-format", "jsonl"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    def manifests() -> list[Path]:
        """The manifests written whole: a kill can leave one half-written under a temporary name,
        which the next run removes (on a loaded machine its fsync is slow enough to be caught)."""
        folder = out / "manifests"
        return [m for m in folder.iterdir() if m.suffix == ".json"] if folder.is_dir() else []

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if len(manifests()) >= 4:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    complete = {m.name: m.stat().st_mtime_ns for m in manifests()}
    assert 4 <= len(complete) < total_partitions, "the run ended before it could be killed"

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr
    assert (f"{total_partitions - len(complete)} partitions done now, {len(complete)} done before"
            in resumed.stdout)
    after = {m.name: m.stat().st_mtime_ns for m in (out / "manifests").iterdir()}
    assert len(after) == total_partitions
    assert {name: after[name] for name in complete} == complete  # complete partitions were not redone

    reference = tmp_path / "reference"
    _audit(str(archive), "--output", str(reference), "--partition-rows", "5", "--output-format", "jsonl",
           "--jobs", "1")
    for file in sorted((reference / "findings").iterdir()):
        assert (out / "findings" / file.name).read_bytes() == file.read_bytes(), file.name


@pytest.mark.dask
def test_an_existing_dask_cluster_given_by_its_scheduler_address(tmp_path):
    """--scheduler: the audit's tasks run on a cluster it did not start (whose workers never loaded the
    models before), and the cluster outlives the audit."""
    distributed = pytest.importorskip("distributed")
    archive = _write_jsonl(tmp_path / "a.jsonl", _rows())
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "out"
        done = _audit(str(archive), "--output", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                      "--output-format", "jsonl", "--partition-rows", "4")
        assert done.returncode == 1, done.stderr
        with distributed.Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 1  # still up after the audit
    reference = tmp_path / "reference"
    _audit(str(archive), "--output", str(reference), "--output-format", "jsonl", "--partition-rows", "4")
    for file in sorted((reference / "findings").iterdir()):
        assert (out / "findings" / file.name).read_bytes() == file.read_bytes()


@pytest.mark.dask
def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path):
    pytest.importorskip("distributed")
    archive = _write_jsonl(tmp_path / "a.jsonl", _rows()[:1])
    done = _audit(str(archive), "--output", str(tmp_path / "out"), "--engine", "dask", "--scheduler",
                  "tcp://127.0.0.1:9")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("captioncheck: error: cannot reach the Dask scheduler tcp://127.0.0.1:9")


def test_the_progress_bar_counts_articles(capsys):
    from captioncheck.progress import progress_bar

    assert progress_bar(False, "articles") is None
    update = progress_bar(True, "articles")
    update(0, 1000)
    update(500, 1000)
    update(1000, 1000)
    bar = capsys.readouterr().err
    assert "1000/1000" in bar and "articles" in bar


def test_a_line_too_long_for_any_article_is_skipped_unread(tmp_path):
    (tmp_path / ".captioncheck.toml").write_text('max-file-size = "1KB"\n', encoding="utf-8")
    rows = [{"id": "huge", "text": "Un texte. " * 10_000}, *_rows()[:1]]
    archive = _write_jsonl(tmp_path / "a.jsonl", rows, extra_lines=('{"id": "last", "text": "Le dernier article."}',))
    out = tmp_path / "out"
    done = run_cli("audit", str(archive), "--output", str(out), "--output-format", "jsonl", cwd=tmp_path)
    assert done.returncode == 2
    found = _findings_by_id(out)
    [huge] = [r for r in found[None] if r["row"] == 0]
    assert "larger than" in huge["error"] and "not read" in huge["error"]
    assert any(r["row"] == 1 and "larger than the limit of 1000 bytes" in r["error"] for r in found[rows[1]["id"]])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == 3 and summary["errors"] == 2  # the row after the long line is read


def test_parquet_without_the_audit_extra_is_a_one_line_error_naming_it(tmp_path, monkeypatch):
    """pyarrow is the audit extra: without it, Parquet is refused in one line and JSON Lines still works."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what an install without the extra has
    archive = _write_jsonl(tmp_path / "archive.jsonl", [{"id": 1, "text": "Un article en français."}])
    refused = _audit(str(archive), "--output", str(tmp_path / "out"))
    assert refused.returncode == 2
    assert refused.stderr == ("captioncheck: error: Parquet needs the audit extra: pip install 'captioncheck[audit]' "
                              "(or --output-format jsonl with a JSON Lines archive)\n")
    done = _audit(str(archive), "--output", str(tmp_path / "out2"), "--output-format", "jsonl", "--jobs", "1")
    assert done.returncode == 0, done.stderr


def test_audit_fix_writes_the_fixed_articles_beside_the_findings(tmp_path):
    rows = _rows()
    archive = _write_jsonl(tmp_path / "a.jsonl", rows)
    before = archive.read_bytes()
    out = tmp_path / "out"
    done = _audit(str(archive), "--output", str(out), "--output-format", "jsonl", "--partition-rows", "6", "--fix")
    assert done.returncode in (0, 1) and archive.read_bytes() == before
    fixed = [json.loads(line) for part in sorted((out / "fixed").iterdir())
             for line in part.read_text(encoding="utf-8").splitlines()]
    by_id = {row["id"]: row for row in rows}
    assert fixed and [f["row"] for f in fixed] == sorted(f["row"] for f in fixed)
    for row in fixed:  # the same text --fix gives the same article as a file
        name = Path(by_id[row["id"]]["path"]).name
        article = tmp_path / name
        article.write_text(by_id[row["id"]]["text"], encoding="utf-8")
        run_cli("--fix", str(article))
        assert row["text"] == article.read_text(encoding="utf-8") and row["fixes_applied"] > 0
    assert "fr-caption-es.txt" in {Path(by_id[r["id"]]["path"]).name for r in fixed}
    refused = _audit(str(archive), "--output", str(out), "--output-format", "jsonl", "--partition-rows", "6")
    assert refused.returncode == 2 and "setting fix = true where this run has false" in refused.stderr


def test_restart_deletes_only_what_the_audit_wrote(tmp_path):
    archive = _write_jsonl(tmp_path / "a.jsonl", _rows()[:3])
    users = tmp_path / "users"
    for name in ("findings/keep.parquet", "manifests/mine.json", "notes.txt", "drafts/plan.tmp"):
        (users / name).parent.mkdir(parents=True, exist_ok=True)
        (users / name).write_text("the user's", encoding="utf-8")
    before = sorted(p.relative_to(users) for p in users.rglob("*"))
    for extra in ((), ("--restart",)):
        refused = _audit(str(archive), "--output", str(users), "--output-format", "jsonl", *extra)
        assert refused.returncode == 2 and "holds no audit" in refused.stderr
        assert sorted(p.relative_to(users) for p in users.rglob("*")) == before

    out = tmp_path / "out"
    _audit(str(archive), "--output", str(out), "--output-format", "jsonl")
    (out / "notes.tmp").write_text("the user's", encoding="utf-8")
    (out / "findings" / "draft.md").write_text("the user's", encoding="utf-8")
    resumed = _audit(str(archive), "--output", str(out), "--output-format", "jsonl")
    assert resumed.returncode in (0, 1) and (out / "notes.tmp").exists() and (out / "findings" / "draft.md").exists()
    refused = _audit(str(archive), "--output", str(out), "--output-format", "jsonl", "--restart")
    assert refused.returncode == 2 and "holds files the audit did not write (findings/draft.md and 1 more)" in \
        refused.stderr and (out / "summary.json").exists()
    (out / "notes.tmp").unlink()
    (out / "findings" / "draft.md").unlink()
    (out / "findings" / ".part-000000.jsonl.0123abcd.tmp").write_text("half")
    restarted = _audit(str(archive), "--output", str(out), "--output-format", "jsonl", "--restart")
    assert restarted.returncode in (0, 1) and not list(out.rglob("*.tmp"))


def _corrupt_parquet(path: Path) -> Path:
    """30 articles in row groups of 10: row 4's ``path`` is not UTF-8, and the page header of row group
    2's ``text`` column is overwritten, as a bad disk sector or a truncated copy leaves it."""
    rows = [{"id": f"a{n}", "text": f"Un article numéro {n}. Le président parle à Paris.", "path": f"p/{n}.txt"}
            for n in range(30)]
    paths = pa.array([row["path"].encode() if n != 4 else b"p/\xff\xfe.txt" for n, row in enumerate(rows)])
    table = pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                      "path": paths.view(pa.string())})
    pq.write_table(table, path, row_group_size=10, compression="none")
    text = pq.ParquetFile(path).metadata.row_group(2).column(1)
    data = bytearray(path.read_bytes())
    data[text.data_page_offset:text.data_page_offset + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("engine", ["local", pytest.param("dask", marks=pytest.mark.dask)])
def test_a_corrupt_parquet_archive_is_audited_to_the_end_with_error_rows(tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("distributed")
    archive = _corrupt_parquet(tmp_path / "a.parquet")
    out = tmp_path / "out"
    done = _audit(str(archive), "--output", str(out), "--partition-rows", "5", "--engine", engine, "--jobs", "2")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == 30 and summary["failed_partitions"] == []
    not_checked = {a["row"]: a for a in summary["not_checked"]}
    assert sorted(not_checked) == [4, *range(20, 30)]
    assert "not UTF-8" in not_checked[4]["reason"]
    assert all("row group 2 cannot be read" in not_checked[n]["reason"] for n in range(20, 30))
    assert [not_checked[n]["id"] for n in range(20, 30)] == [f"a{n}" for n in range(20, 30)]
    checked = _findings_by_id(out)
    assert not any(row.get("error") for n in (*range(4), *range(5, 20)) for row in checked.get(f"a{n}", []))
    again = _audit(str(archive), "--output", str(out), "--partition-rows", "5", "--engine", engine, "--jobs", "2")
    assert again.returncode == 2 and "0 partitions done now, 6 done before" in again.stdout


@pytest.mark.parametrize("output_format", ["jsonl", "parquet"])
def test_lone_surrogates_anywhere_in_a_row_make_it_an_error_row(tmp_path, output_format):
    """JSON may escape a lone surrogate (\\ud800), which no UTF-8 output can hold: the row is an error
    row naming where it is, its id escaped, and the other rows are audited."""
    good = _rows()[:2]
    lines = ('{"id": "bad-path", "text": "Un texte.", "path": "p/\\ud800.txt"}',
             '{"id": "bad-carried", "text": "Un texte.", "tags": ["ok", "\\udfff"]}',
             '{"id": "bad-\\ud83d", "text": "Un texte."}',
             '{"id": "bad-key", "text": "Un texte.", "\\ud800": 1}',
             '{"id": "good-pair", "text": "Un texte \\ud83d\\ude00."}')
    archive = _write_jsonl(tmp_path / "a.jsonl", good, extra_lines=lines)
    out = tmp_path / "out"
    done = _audit(str(archive), "--output", str(out), "--output-format", output_format, "--partition-rows", "3")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    reasons = {a["id"]: a["reason"] for a in summary["not_checked"]}
    assert sorted(reasons) == ["bad-\\ud83d", "bad-carried", "bad-key", "bad-path"]
    assert "in 'path'" in reasons["bad-path"] and "in 'tags'" in reasons["bad-carried"]
    assert "in 'id'" in reasons["bad-\\ud83d"] and "a column name" in reasons["bad-key"]
    assert summary["articles"] == 7 and summary["errors"] == 4
    assert "good-pair" not in reasons


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("failure", [(28, "No space left on device"), (30, "Read-only file system")])
def test_a_full_disk_or_read_only_folder_stops_in_one_line_and_the_next_run_resumes(tmp_path, monkeypatch, capsys,
                                                                                     jobs, failure):
    from captioncheck.audit import output as audit_output
    from captioncheck.cli import main

    archive = _write_jsonl(tmp_path / "a.jsonl", _rows()[:6])
    out = tmp_path / "out"
    arguments = ["audit", str(archive), "--output", str(out), "--output-format", "jsonl", "--partition-rows", "1",
                 "--jobs", jobs]
    write = audit_output.write_atomically

    def failing(path: Path, data: bytes) -> None:  # the disk fills up from the fourth partition on
        if path.name >= "part-000003":
            raise OSError(failure[0], failure[1], str(path))
        write(path, data)

    monkeypatch.setattr(audit_output, "write_atomically", failing)
    assert main(arguments) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and failure[1] in error[0] and "part-00000" in error[0] and "resumes" in error[0], error
    assert not list(out.rglob("*.tmp"))
    monkeypatch.setattr(audit_output, "write_atomically", write)
    assert main(arguments) in (0, 1)
    assert "3 partitions done now, 3 done before" in capsys.readouterr().out
