"""The documentation: the site in docs/ builds with no broken link or anchor, and README.md stays a short front
page whose links and quick start are true."""
from __future__ import annotations

import pathlib
import re
import subprocess
import sys

PROJECT_DIR = pathlib.Path(__file__).resolve().parents[2]
README = PROJECT_DIR / "README.md"
# mkdocs is installed next to the interpreter running the tests (.venv/bin), from requirements.txt
MKDOCS = pathlib.Path(sys.executable).parent / "mkdocs"


def without_code_blocks(markdown: str) -> str:
    """The text outside fenced code blocks: a `](x)` or a `# heading` inside a code block is not markdown."""
    return re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M)


def heading_anchors(markdown: str) -> set[str]:
    """The anchors of a file's headings, made as GitHub makes them (lowercased, punctuation but - and _ dropped,
    each space a hyphen); mkdocs makes the same ones for these headings."""
    anchors = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", without_code_blocks(markdown), flags=re.M):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its text
        anchors.add(re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-"))
    return anchors


def readme_links() -> list[str]:
    """Every markdown link target of README.md outside code blocks."""
    return re.findall(r"\]\(([^)\s]+)\)", without_code_blocks(README.read_text()))


def test_site_builds_without_broken_links(tmp_path):
    """mkdocs.yml's validation makes a missing page, a missing anchor, an absolute link or a page left out of the
    nav a warning, and --strict turns any warning into a failed build."""
    assert MKDOCS.exists(), f"{MKDOCS} is missing: pip install -r requirements.txt"
    build = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stdout}\n{build.stderr}"
    assert (tmp_path / "site" / "index.html").exists()


def test_readme_is_at_most_200_lines():
    lines = README.read_text().splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines; the details belong in docs/"


def test_readme_links_point_to_existing_files_and_headings():
    links = [link for link in readme_links() if not re.match(r"[a-z][a-z+.-]*:", link)]  # http:, mailto:, ...
    assert links, "README.md links to no page of the documentation"
    readme_anchors = heading_anchors(README.read_text())
    broken = []
    for link in links:
        path, _, anchor = link.partition("#")
        if not path:
            if anchor not in readme_anchors:
                broken.append(f"{link}: README.md has no heading with that anchor")
            continue
        target = (README.parent / path).resolve()
        if not target.exists():
            broken.append(f"{link}: no such file")
        elif anchor and target.suffix == ".md" and anchor not in heading_anchors(target.read_text()):
            broken.append(f"{link}: {path} has no heading with that anchor")
    assert not broken, "broken links in README.md:\n" + "\n".join(broken)


def test_readme_quick_start_is_make_train_and_make_test():
    text = README.read_text()
    section = re.search(r"^## Quick start\s*$(.*?)(?=^## )", text, flags=re.S | re.M)
    assert section, "README.md has no '## Quick start' section"
    code = (re.findall(r"^```[^\n]*\n(.*?)^```", section.group(1), flags=re.S | re.M)  # its command blocks
            + re.findall(r"`([^`\n]+)`", without_code_blocks(section.group(1))))  # and its inline code
    named = {target for piece in code for target in re.findall(r"^\s*make[ \t]+([A-Za-z0-9_-]+)", piece, flags=re.M)}
    assert named == {"train", "test"}, f"the quick start names make {sorted(named)}; it should name make train and make test"
    targets = set(re.findall(r"^([A-Za-z0-9_-]+)\s*:", (PROJECT_DIR / "Makefile").read_text(), flags=re.M))
    assert {"train", "test"} <= targets, f"the Makefile's targets are {sorted(targets)}"
