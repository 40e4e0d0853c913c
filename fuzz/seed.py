#!/usr/bin/env python3
"""Builds the committed seed corpus (fuzz/seeds/<target>/) from the test
fixtures and the example journal. Run from anywhere; rewrites the seeds.

Each target reads its bytes in its own shape (src/fuzzing.rs,
src/lsp/fuzzing.rs), so the seeds are framed for it: a path byte for the
parser, a length and edits for the re-parser, operations for the server.
Kept small on purpose (a few dozen files, each under 4 KiB): the fuzzer
grows its own working corpus in fuzz/corpus/, which is not committed.
"""

import hashlib
import pathlib
import shutil
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
MAX_BYTES = 4096
MAX_FILES = 24


def sources(pattern):
    found = []
    for base in ("tests/fixtures", "examples/journal"):
        found += sorted((ROOT / base).rglob(pattern))
    return [p.read_bytes()[:MAX_BYTES] for p in found if p.is_file()]


def write(target, seeds):
    folder = SEEDS / target
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    unique = {hashlib.sha1(s).hexdigest()[:16]: s for s in seeds}
    for name, seed in sorted(unique.items())[:MAX_FILES]:
        (folder / name).write_bytes(seed)


def frontmatter_of(text):
    if not text.startswith(b"---\n"):
        return None
    end = text.find(b"\n---", 4)
    return text[4:end] if end > 0 else None


def main():
    notes = sources("*.md")
    configs = sources("studylog.toml")
    # Parser: a path byte (0 journal.md, 1 a daily note, 3 a note, 4 a month file).
    write("parse", [bytes([i % 5]) + n for i, n in enumerate(notes)])
    # Re-parser: path byte, text length, then edits (at, removed, kind).
    reparse = []
    for i, note in enumerate(notes):
        text = note[:2047]
        edits = b"".join(
            struct.pack("<HBB", (len(text) * k) // 4, k * 7 % 64, k * 3)
            for k in range(1, 4)
        )
        reparse.append(bytes([i % 5]) + struct.pack("<H", len(text)) + text + edits)
    write("reparse", reparse)
    write("config", configs)
    write("frontmatter", [fm for fm in map(frontmatter_of, notes) if fm])
    # Server: the first byte picks the encoding; then operations: 2 opens a
    # document (uri byte, version, u16 length, text), 3 changes it, 4 asks.
    server = []
    for i, note in enumerate(notes[:MAX_FILES]):
        text = note[:1024]
        ops = bytes([i % 2])
        ops += bytes([2, i % 4, 1]) + struct.pack("<H", len(text)) + text
        ops += bytes([3, i % 4, 2, 0, 1, 0, 2, 0, 1, 0, 3, 4]) + b"#tag"
        ops += bytes([4, i, i % 4, 0, 1, 2, 0, 0, 0, 0, 0, 0])
        server.append(ops)
    write("server", server)


if __name__ == "__main__":
    main()
