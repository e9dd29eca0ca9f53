"""The one atomic write: whole or nothing, the caller's umask, nothing left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from captioncheck.atomic import replacing, write_atomically


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_its_temporary(tmp_path: Path):
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("disk full, say")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_the_new_file_takes_the_caller_s_umask(tmp_path: Path):
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "a.txt", b"x")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640


def test_a_folder_replaces_a_folder(tmp_path: Path):
    target = tmp_path / "entry"
    target.mkdir()
    (target / "old").write_text("1")
    with replacing(target, directory=True) as temporary:
        (temporary / "new").write_text("2")
    assert sorted(p.name for p in target.iterdir()) == ["new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry"]


def test_two_temporaries_of_one_target_never_share_a_name(tmp_path: Path):
    target = tmp_path / "a.txt"
    with replacing(target) as first, replacing(target) as second:
        assert first != second
        first.write_bytes(b"1")
        second.write_bytes(b"2")
    assert target.read_bytes() == b"1"  # the outer block ends last
