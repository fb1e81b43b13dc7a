#!/usr/bin/env python3
"""Rewrite citations of the old product contract into citations of the documents in docs/.

Code comments, README.md and BENCHMARKS.md used to cite sections of a SPEC.md ("SPEC §6.4") and
files under ../shared/ that a clone of this repository does not have. This script rewrites each of
them to the in-repository document and heading that explains the same thing (docs/README.md
describes the citation form and lists the mapping):

    (SPEC §6.4)          ->  (docs/counting.md#provisional-counts)           in code comments
    (SPEC §6.4)          ->  ([provisional counts](docs/counting.md#provisional-counts))  in Markdown
    see DESIGN.md        ->  see docs/architecture.md

Rules:
- Only tracked files (git ls-files) under src/, tests/, benches/, fuzz/, .ci/ and the top-level
  README.md and BENCHMARKS.md are read; tests/fixtures/ (data), docs/ and tools/ are left alone.
- In Rust files only comment lines are rewritten. A citation inside a string literal (text shown to
  users) is never changed: it is reported for a person to decide.
- Doc comments (`///`) under src/cli/args/ are clap's --help text and the man page: the citation is
  taken out of the help line and kept for maintainers in a plain `//` comment above it.
- A line a rewrite pushes past the width the code keeps (100 columns, or the line's own width if it
  was already longer) is reflowed by pushing its last words onto the next line of the same comment
  paragraph, or onto a new line with the same prefix.
- Running it again changes nothing. Whatever it cannot map is listed at the end (exit code 1).

Usage (from the repository root, or give the root):
    python3 tools/cite-docs.py [ROOT]            rewrite in place, print a summary
    python3 tools/cite-docs.py --dry-run [ROOT]  print the unified diff, write nothing
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys

# --------------------------------------------------------------------------------------------------
# Where each old section is explained now: (path from the repository root, anchor, link text).

README_DESK = ("README.md", "the-desk", "the desk")
README_CLI = ("README.md", "command-line", "command line")

SECTIONS: dict[str, tuple[str, str, str]] = {
    "1": ("docs/domain.md", "who-uses-jurydesk", "who uses jurydesk"),
    "2": ("docs/domain.md", "entities", "the domain"),
    "2.1": ("docs/domain.md", "submission-status", "submission status"),
    "2.2": ("docs/domain.md", "conflicts-of-interest", "conflicts of interest"),
    "3": README_DESK,
    "4": README_CLI,
    "5": ("docs/formats.md", "", "file formats"),
    "5.1": ("docs/formats.md", "filmfreeway-export", "FilmFreeway export"),
    "5.2": ("docs/formats.md", "award-history", "award history"),
    "5.3": ("docs/formats.md", "ballots-csv", "ballots CSV"),
    "5.4": ("docs/formats.md", "backups", "backups"),
    "5.5": ("docs/formats.md", "bad-input", "bad input"),
    "6": ("docs/counting.md", "methods", "counting methods"),
    "6.1": ("docs/counting.md", "ties", "ties"),
    "6.2": ("docs/counting.md", "explanations", "explanations"),
    "6.3": ("docs/counting.md", "palmares-rules", "palmarès rules"),
    "6.4": ("docs/counting.md", "provisional-counts", "provisional counts"),
    "6.5": ("docs/counting.md", "deciding-an-award", "deciding an award"),
    "7": ("docs/architecture.md", "the-store", "the store"),
    "7.1": ("docs/architecture.md", "durability-and-the-lock", "durability and the lock"),
    "7.2": ("docs/architecture.md", "keys-and-codec", "keys and codec"),
    "7.3": ("docs/architecture.md", "audit-log", "audit log"),
    "7.4": ("docs/architecture.md", "integrity", "integrity"),
    "7.5": ("docs/architecture.md", "faults", "faults"),
    "8": ("docs/text.md", "", "text"),
    "9": ("BENCHMARKS.md", "budgets", "budgets"),
    "10": ("docs/screening.md", "", "screening"),
    "11": ("docs/printing.md", "", "printed documents"),
}

# A few sections cover several headings; the words on the line pick the heading. First match wins.
REFINE: dict[str, list[tuple[str, tuple[str, str, str]]]] = {
    "4": [
        (r"exit|0 success", ("docs/architecture.md", "exit-codes", "exit codes")),
        (r"json", ("docs/counting.md", "json-output", "tally JSON")),
        (r"label|nominee|reference|person \(film\)",
         ("docs/domain.md", "nominees-labels-and-references", "nominee references")),
    ],
    "3": [(r"settings", ("README.md", "settings", "settings"))],
    "5": [(r"sheet|xlsx?\b|\bods\b|spreadsheet", ("docs/formats.md", "sheets", "sheets"))],
    "6.3": [(r"preset", ("docs/counting.md", "presets", "presets"))],
    "8": [
        (r"calendar|hijri|solar|bahman", ("docs/text.md", "calendars", "calendars")),
        (r"right-to-left|\brtl\b|bidi|display order|reorder",
         ("docs/text.md", "right-to-left", "right-to-left text")),
        (r"digit|[۰-۹٠-٩]|keyboard", ("docs/text.md", "digits", "digits")),
        (r"width|\bcjk\b|emoji|\bcells?\b", ("docs/text.md", "widths", "widths")),
        (r"collat|\bsort|numeric order|persian order", ("docs/text.md", "collation", "collation")),
        (r"fold|search|variant|accent|case|joiner", ("docs/text.md", "folding", "folding")),
        (r"control|escape|\bnfc\b|stored as typed|sanitis",
         ("docs/text.md", "stored-text", "stored text")),
    ],
    "10": [
        (r"packet", ("docs/screening.md", "packets", "screening packets")),
        (r"\bclos(e|ing)\b", ("docs/screening.md", "closing", "closing a round")),
        (r"progress", ("docs/screening.md", "progress", "screening progress")),
        (r"leaderboard|normalis", ("docs/screening.md", "leaderboard", "the leaderboard")),
        (r"\bassign|screener", ("docs/screening.md", "screeners-and-assignment",
                                "screeners and assignment")),
        (r"\brat(e|ing|ings)\b", ("docs/screening.md", "ratings", "screening ratings")),
    ],
}

# Sections whose headings are chosen by the words before the citation only: the words after it list
# what the cited code does besides ("Screening rounds (SPEC §10): rounds, screeners and ...").
BEFORE_ONLY = {"6.3", "8", "10"}

# Phrases where a possessive or a quotation would read badly after a mechanical rewrite.
# (old text, new text with {target} where the citation goes, section[#heading when the words
# around would pick another one])
PHRASES: list[tuple[str, str, str]] = [
    ("one of SPEC §2.1's.", "one of {target}.", "2.1"),
    ("SPEC §6's \"unranked rank below all ranked ones\"",
     "the rule \"unranked rank below all ranked ones\" ({target})", "6"),
    ("SPEC §4's tally JSON", "The tally JSON ({target})", "4"),
    ("SPEC §9's 1 s at 100k", "the 1 s at 100k of {target}", "9"),
    ("## SPEC §9 budgets", "## Budgets", "9"),
    # Markdown only ("md:"): the words before the citation become its link text.
    ("md:palmarès rules (SPEC §6.3)", "{target}", "6.3"),
    ("md:budget (SPEC §9)", "[budget](#budgets)", "9"),
    ("SPEC §9's budgets", "the {target}", "9"),
    ("the budgets of SPEC §9", "the {target}", "9"),
    ("budget (SPEC §9)", "budget ({target})", "9"),
    ("(SPEC §9 budget,", "(the budget in {target},", "9"),
    ("(SPEC §9 bulk budgets,", "(the bulk budgets in {target},", "9"),
    ("the SPEC §9 budgets", "the budgets ({target})", "9"),
    ("SPEC §9 at scale", "The budgets of {target} at scale", "9"),
    ("for SPEC §9 (BENCHMARKS.md)", "for the budgets ({target})", "9"),
    ("SPEC §6.3 cascade", "the cascade, {target}", "6.3"),
    ("(SPEC §8 order:", "(the order of {target}:", "8#collation"),
    ("(SPEC §8 folds them for search too)", "(and search folds them, {target})", "8#folding"),
]

# Mentions of files that lived beside the repository.
FILES: list[tuple[re.Pattern[str], tuple[str, str, str]]] = [
    (re.compile(r"(`?)(?:\.\./shared/|(?<![\w/.-]))DESIGN\.md`?"),
     ("docs/architecture.md", "", "docs/architecture.md")),
    (re.compile(r"(`?)(?:\.\./shared/|(?<![\w/.-]))SPEC\.md`?"),
     ("docs/README.md", "", "docs/README.md")),
]
SHARED = re.compile(r"\.\./shared/|/work/shared")

CITATION = re.compile(r"(?:\bSPEC\s+)?§\s?(\d+(?:\.\d+)?)(?![\d])")
COMMENT = re.compile(r"^(\s*)(//[/!]?|#(?!\[|!)|\*)( ?)")
LIST_ITEM = re.compile(r"^(- |\* |\d+\. )")
CODE_WIDTH = 100
MD_WIDTH = 110

ROOTS = ("src/", "tests/", "benches/", "fuzz/", ".ci/")
TOP = ("README.md", "BENCHMARKS.md")
SKIP = ("tests/fixtures/", "docs/", "tools/")
TEXT_EXT = (".rs", ".md", ".sh", ".py", ".toml", ".txt", ".snap", "")


class Report:
    def __init__(self) -> None:
        self.rewritten = 0
        self.by_target: dict[str, int] = {}
        self.unmapped: list[str] = []
        self.notes: list[str] = []

    def count(self, target: str) -> None:
        self.rewritten += 1
        self.by_target[target] = self.by_target.get(target, 0) + 1


def target_for(section: str, line: str, report: Report, where: str,
               at: int | None = None) -> tuple[str, str, str] | None:
    """The heading for a section. The words before the citation name its subject ("Packets (SPEC
    §10)"), so they are asked first, then the rest of the line."""
    low = line.lower()
    parts = [low]
    if at is not None:
        # The nearest words: the end of a table row's command must not choose for its description.
        parts = [low[max(0, at - 60):at]]
        if section not in BEFORE_ONLY:
            parts.append(low[at:at + 60])
    for part in parts:
        for pattern, target in REFINE.get(section, []):
            if re.search(pattern, part):
                return target
    target = SECTIONS.get(section)
    if target is None:
        report.unmapped.append(f"{where}: §{section} is no section of the old contract: {line.strip()}")
    return target


def plain(target: tuple[str, str, str]) -> str:
    path, anchor, _ = target
    return f"{path}#{anchor}" if anchor else path


def link(target: tuple[str, str, str], from_file: str) -> str:
    path, anchor, text = target
    here = os.path.dirname(from_file)
    rel = "" if path == from_file else os.path.relpath(path, here or ".")
    href = rel + (f"#{anchor}" if anchor else "")
    return f"[{text}]({href})"


def rewrite_line(line: str, path: str, lineno: int, markdown: bool, report: Report) -> str:
    where = f"{path}:{lineno}"

    heading = markdown and line.startswith("#")

    def render(target: tuple[str, str, str]) -> str:
        report.count(plain(target))
        if heading:
            return target[2]
        return link(target, path) if markdown else plain(target)

    for old, new, section in PHRASES:
        if old.startswith("md:"):
            if not markdown:
                continue
            old = old[3:]
        if old in line:
            section, _, anchor = section.partition("#")
            target = target_for(section, line, report, where)
            if target is not None and anchor:
                target = (target[0], anchor, anchor.replace("-", " "))
            if target is not None:
                line = line.replace(old, new.format(target=render(target)))

    def citation(m: re.Match[str]) -> str:
        target = target_for(m.group(1), line, report, where, m.start())
        if target is None:
            return m.group(0)
        return render(target)

    line = CITATION.sub(citation, line)
    if re.search(r"\]\([^)]*\)'s|\.md(#[\w-]+)?'s", line):
        report.notes.append(f"{where}: a possessive after a citation, reword it: {line.strip()}")
    for pattern, target in FILES:
        if pattern.search(line):
            # A Markdown link cannot sit in a code span: the backticks go; a comment keeps them.
            line = pattern.sub(
                lambda m, t=target: render(t) if markdown or not m.group(1)
                else f"`{render(t)}`", line)
    if SHARED.search(line):
        report.unmapped.append(f"{where}: names a file outside the repository: {line.strip()}")
    return line


def split_comment(line: str) -> tuple[str, str] | None:
    m = COMMENT.match(line)
    if not m:
        return None
    return line[: m.end()], line[m.end():]


def reflow(lines: list[str], i: int, width: int, base: int, markdown: bool) -> None:
    """Pushes the words of lines[i] that pass `width` onto the next line of the same paragraph, and
    so on down the paragraph while a line passes `base`."""
    while i < len(lines) and len(lines[i].rstrip("\n")) > width:
        text = lines[i].rstrip("\n")
        if markdown:
            if text.lstrip().startswith(("|", "#", "```", "    ")):
                return
            indent = len(text) - len(text.lstrip(" "))
            prefix, body = text[:indent], text[indent:]
        else:
            parts = split_comment(text)
            if parts is None:
                return
            prefix, body = parts
            extra = len(body) - len(body.lstrip(" "))
            prefix, body = prefix + body[:extra], body[extra:]
        cont = prefix + ("  " if LIST_ITEM.match(body) else "")
        words = body.split(" ")
        keep = len(words)
        while keep > 1 and len(prefix + " ".join(words[:keep])) > width:
            keep -= 1
        if keep == len(words) or keep == 0:
            return
        head, tail = " ".join(words[:keep]).rstrip(), " ".join(words[keep:])
        lines[i] = prefix + head + "\n"
        nxt = lines[i + 1].rstrip("\n") if i + 1 < len(lines) else None
        joinable = False
        if nxt is not None:
            if markdown:
                nb = nxt[len(cont):] if nxt.startswith(cont) else None
                joinable = (nb is not None and nb.strip() != "" and not nb.startswith(" ")
                            and not LIST_ITEM.match(nb) and not nb.startswith(("|", "#", "```")))
            else:
                np = split_comment(nxt)
                if np is not None:
                    nfull = np[0] + np[1][: len(np[1]) - len(np[1].lstrip(" "))]
                    nb = nxt[len(nfull):]
                    joinable = (nfull == cont and nb.strip() != "" and not LIST_ITEM.match(nb)
                                and not nb.startswith(("```", "|", "#")))
        if joinable:
            lines[i + 1] = cont + tail + " " + nxt[len(cont):] + "\n"
            next_width = max(base, len(nxt))
        else:
            lines.insert(i + 1, cont + tail + "\n")
            next_width = base
        i += 1
        width = next_width


def is_rust_comment(line: str) -> bool:
    return bool(re.match(r"^\s*//", line))


def process(path: str, text: str, report: Report) -> str:
    markdown = path.endswith(".md")
    rust = path.endswith(".rs")
    help_text = path.startswith("src/cli/args/")
    width = MD_WIDTH if markdown else CODE_WIDTH
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    touched: list[tuple[int, int]] = []  # (index in out, width allowed)
    for n, line in enumerate(lines, start=1):
        # "… as SPEC\n/// §4 describes …": the section is on the next line.
        if (re.search(r"\sSPEC\s*$", line) and n < len(lines)
                and re.match(r"^\s*(//[/!]?|#)\s*§", lines[n])):
            line = re.sub(r"\s+SPEC(\s*)$", r"\1", line)
        if not (CITATION.search(line) or any(p.search(line) for p, _ in FILES)
                or SHARED.search(line)):
            if re.search(r"\bSPEC\b(?!\.md)", line) and not line.isupper():
                report.notes.append(f"{path}:{n}: names SPEC without a section: {line.strip()}")
            out.append(line)
            continue
        if rust and not is_rust_comment(line):
            report.unmapped.append(
                f"{path}:{n}: a citation outside a comment (a string shown to users?), left as is: "
                f"{line.strip()}")
            out.append(line)
            continue
        if path.endswith(".snap"):
            report.unmapped.append(f"{path}:{n}: a citation in a snapshot, left as is: {line.strip()}")
            out.append(line)
            continue
        if help_text and re.match(r"^\s*///", line):
            out.extend(help_line(line, path, n, report))
            continue
        new = rewrite_line(line, path, n, markdown, report)
        out.append(new)
        if new != line:
            touched.append((len(out) - 1, max(width, len(line.rstrip("\n")))))
    # Reflow from the bottom so that inserted lines do not move the indices still to do.
    for index, allowed in reversed(touched):
        reflow(out, index, allowed, width, markdown)
    return "".join(out)


def help_line(line: str, path: str, n: int, report: Report) -> list[str]:
    """A clap doc comment: the citation leaves the help text and stays as a plain comment above it."""
    indent = line[: len(line) - len(line.lstrip())]
    targets: list[str] = []

    def collect(m: re.Match[str]) -> str:
        target = target_for(m.group(1), line, report, f"{path}:{n}", m.start())
        if target is None:
            return m.group(0)
        report.count(plain(target))
        targets.append(plain(target))
        return "\0"

    body = CITATION.sub(collect, line)
    if not targets:
        return [line]
    # "(X)" alone, "(X): " and "(X, issue 15)" lose the citation; any other words stay.
    body = re.sub(r"\s*\((?:\0(?:,\s*|\s+and\s+)?)+\)", "", body)
    if "\0" in body:
        body = re.sub(r"\0(?:,\s*|\s+and\s+)?|(?:,\s*|\s+and\s+)?\0", "", body)
    body = re.sub(r" +([.:;,])", r"\1", body)
    comment = f"{indent}// See {' and '.join(dict.fromkeys(targets))}.\n"
    report.notes.append(f"{path}:{n}: citation taken out of --help text: {body.strip()}")
    return [comment, body]


UNTRACKED_DIRS = {".git", "target", "corpus", "artifacts", "coverage", "logs", "node_modules"}


def all_files(root: str) -> list[str]:
    """Every file under root but build output and fuzzing state: for a copy without .git."""
    names = []
    for here, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in UNTRACKED_DIRS]
        for f in files:
            names.append(os.path.relpath(os.path.join(here, f), root).replace(os.sep, "/"))
    return names


def tracked_files(root: str) -> list[str]:
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"], check=True,
                             capture_output=True)
        names = out.stdout.decode("utf-8").split("\0")
    except (subprocess.CalledProcessError, FileNotFoundError):
        names = all_files(root)
    files = []
    for name in names:
        if not name or name.startswith(SKIP):
            continue
        if not (name.startswith(ROOTS) or name in TOP):
            continue
        ext = os.path.splitext(name)[1]
        if ext not in TEXT_EXT:
            continue
        files.append(name)
    return sorted(files)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def check_anchors(root: str, rewritten: dict[str, str], report: Report) -> None:
    """Every heading this script cites must exist (after the rewrite), or its citations would lead
    nowhere."""
    targets = set(SECTIONS.values())
    for rules in REFINE.values():
        targets.update(t for _, t in rules)
    for path, anchor, _ in sorted(targets):
        try:
            text = rewritten.get(path)
            if text is None:
                with open(os.path.join(root, path), encoding="utf-8") as f:
                    text = f.read()
            headings = {slug(m.group(1)) for m in re.finditer(r"(?m)^#+ (.*)$", text)}
        except FileNotFoundError:
            report.unmapped.append(f"{path} does not exist")
            continue
        if anchor and anchor not in headings:
            report.unmapped.append(f"{path} has no heading #{anchor}")


def main(argv: list[str]) -> int:
    dry = "--dry-run" in argv
    args = [a for a in argv if not a.startswith("--")]
    root = os.path.abspath(args[0] if args else ".")
    report = Report()
    rewritten: dict[str, str] = {}
    changed = 0
    for name in tracked_files(root):
        full = os.path.join(root, name)
        try:
            with open(full, encoding="utf-8", newline="") as f:
                text = f.read()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        new = process(name, text, report)
        if new == text:
            continue
        changed += 1
        rewritten[name] = new
        if dry:
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), new.splitlines(keepends=True),
                f"a/{name}", f"b/{name}"))
        else:
            with open(full, "w", encoding="utf-8", newline="") as f:
                f.write(new)
    check_anchors(root, rewritten, report)
    verb = "would change" if dry else "changed"
    print(f"cite-docs: {report.rewritten} citations rewritten, {verb} {changed} files", file=sys.stderr)
    for target, count in sorted(report.by_target.items()):
        print(f"  {count:4}  {target}", file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for miss in report.unmapped:
        print(f"NOT MAPPED: {miss}", file=sys.stderr)
    return 1 if report.unmapped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
