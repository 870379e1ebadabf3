"""Write one benchmark's section of docs/benchmarks.md, leaving the other sections alone.

Each section is delimited by HTML comments naming it, so benchmarks can run in any order and
re-running one replaces only its own figures.
"""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
INTRO = """# Benchmarks

Produced by `make bench` (each section by the script it names). Speed is measured here, never in
timed tests; every figure is a ratio against a baseline measured in the same run on the same
machine, next to the absolute rates.
"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section called ``name`` with ``body``, stamped with the
    machine and date."""
    stamp = (f"_Measured {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} on "
             f"{machine()}._\n\n")
    block = (f"<!-- bench:{name} -->\n## {name}\n\n{stamp}{body.strip()}\n"
             f"<!-- /bench:{name} -->")
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else INTRO
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->",
                         re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
