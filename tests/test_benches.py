"""The benchmarks run and print the figures the README quotes (smoke runs on a few articles: what the
figures are is measured by hand, never asserted here)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, require, shared_dir

BENCH = ROOT / "bench"


def _bench(*arguments: str, timeout: float = 300) -> str:
    done = subprocess.run([sys.executable, *arguments], cwd=BENCH, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _shared():
    shared = shared_dir()
    require(shared, "the shared folder (eval data, seed article) is not on this machine", "CAPTIONCHECK_REQUIRE_SHARED")
    return shared


def test_batch_speed_prints_the_caption_pair_mix_its_stages_and_the_encoder_floor():
    shared = _shared()
    out = _bench("batch_speed.py", "--articles", "12", "--pairs", "--jobs", "1", "2", "--stages", "--again",
                 "--eval-dir", str(shared / "eval"))
    assert "12 caption-pair articles" in out and "| 1 |" in out and "| 2 |" in out
    assert "same report, byte for byte, for every --jobs: yes" in out
    assert "stages of 12 articles checked in batches of 8 in one process" in out
    for stage in ("encoder (network)", "language: segments", "read: parse", "verdict: word alignment",
                  "rule: meaning-divergence"):
        assert f"| {stage} |" in out, stage
    assert "encoder floor: 48 segments" in out
    assert "with vectors kept in the cache folder, --jobs 2: first run" in out and "the same report: yes" in out


def test_cli_speed_prints_the_start_its_memory_and_the_yardstick():
    shared = _shared()
    out = _bench("cli_speed.py", str(shared / "articles" / "nato-kyiv-fr.txt"), "--repeat", "2", "--first-runs", "1")
    assert "bytecode: compiled in" in out and "every text encoded (CAPTIONCHECK_VECTOR_CACHE=0, as for a new article) (2): median" in out
    assert "vectors kept from the run before (the article checked again) (2): median" in out and "peak" in out
    assert 'python -c "import numpy": median' in out and "ratio" in out


def test_server_abuse_prints_latency_and_memory_per_phase():
    shared = _shared()
    out = _bench("server_abuse.py", str(shared / "articles" / "nato-kyiv-fr.txt"), "--half-sent", "30",
                 "--option-sets", "12", "--requests", "5", "--nofile", "200")
    for phase in ("- quiet:", "- 30 half-sent requests:", "- after 12 option sets (0 failed):", "- workers busy"):
        assert phase in out, out
    assert "check errors 0" in out and "MB" in out and "listening on" in out
