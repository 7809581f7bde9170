"""The repository stands alone: nothing cites a design document outside it, and the
architecture page names only files that exist."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def test_no_file_points_to_a_design_document_outside_the_repository() -> None:
    outside = re.compile(r"DESIGN(\.md| §)")
    citing = []
    for path in _tracked_files():
        if path.suffix in {".xlsx", ".png", ".db"} or path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        citing += [f"{path.relative_to(ROOT)}:{m.group(0)}" for m in outside.finditer(text)]
    assert citing == []


def test_the_architecture_page_names_files_that_exist() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:pixely_api|pixely_dagster|pixely_ui|tests)/[\w/]+\.py)`", text))
    short = set(re.findall(r"`((?:defs|cli|sources|insights|analysis)/[\w/]+\.py)`", text))
    assert named, "the page names no module"
    missing = [name for name in named if not (ROOT / name).is_file()]
    missing += [
        name
        for name in short
        if not any(
            (ROOT / package / name).is_file() for package in ("pixely_api", "pixely_dagster")
        )
    ]
    assert missing == []
