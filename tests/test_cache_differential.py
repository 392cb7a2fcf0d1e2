"""Every cached answer equals the uncached one, always.

A seeded random walk edits a copy of the shipped data — values, titles, dates,
decided roles, theme answers, status, kader.yaml; files added, removed, renamed,
broken and repaired; edits that keep the size and the mtime, and edits in place
(same inode, same size) whose mtime is set to the cache's own write time (git's
"racy" case, in the same clock tick as the cache write) — and after every
step runs a random command (validate, triage, report, in every format and every
output file kind) twice: with the one cache folder the whole walk shares, and
with --no-cache. Their output must be the same, byte for byte.

INKOOPCHECK_CACHE_STEPS sets the number of steps (default 150); the seed is
printed on failure, and INKOOPCHECK_CACHE_SEED repeats a walk.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app

from .helpers import SHIPPED

DAY = "2024-12-09"
QUARTERS = [f"{y}-Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
TITLES = ["Catering stadhuis", "Liften Stopera", "Uitzendkrachten", "Koffieapparaten", "ICT"]
ROLES = ["aanschuiven", "achtervang", "geen"]


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    file: dict[str, bytes] | None


def _file_content(path: Path) -> dict[str, bytes] | None:
    """An output file as what it holds: for xlsx, every member of the zip, with
    the creation and modification times (which differ by the second) removed."""
    if not path.exists():
        return None
    data = path.read_bytes()
    path.unlink()
    if path.suffix != ".xlsx":
        return {"": data}
    members: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            content = zf.read(name)
            if name == "docProps/core.xml":
                content = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>", b"", content)
            members[name] = content
    return members


class Walk:
    def __init__(self, root: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.data = root / "data"
        self.cache = root / "cache"
        self.out = root / "out"
        self.out.mkdir()
        shutil.copytree(SHIPPED, self.data)
        # a smaller register keeps a step fast; the kinds of file stay the same
        for p in sorted(self.data.glob("tenders/*/*.yaml"))[::3]:
            p.unlink()
        self.runner = CliRunner()
        self.counter = 0
        self.log: list[str] = []

    # -- edits ---------------------------------------------------------------

    def files(self) -> list[Path]:
        return sorted(self.data.glob("tenders/**/*.yaml"))

    def _edit(self, path: Path, fn: object) -> None:
        text = path.read_text("utf-8")
        new = fn(text)  # type: ignore[operator]
        path.write_text(new, "utf-8")

    def _set_field(self, text: str, key: str, value: str | None) -> str:
        """Set or remove a top-level `key: value` line."""
        pattern = re.compile(rf"^{key}:.*\n(?:[ ]+.*\n)*", re.M)
        line = f"{key}: {value}\n" if value is not None else ""
        if pattern.search(text):
            return pattern.sub(lambda _: line, text, count=1)
        return text + line

    def step(self) -> None:
        files = self.files()
        kind = self.rng.choice(
            [
                "value",
                "value",
                "title",
                "date",
                "date",
                "role",
                "role",
                "theme",
                "status",
                "add",
                "remove",
                "rename",
                "same-stat",
                "same-stat",
                "racy",
                "racy",
                "kader",
                "break",
                "repair",
            ]
        )
        if not files and kind not in ("add", "kader"):
            kind = "add"
        path = self.rng.choice(files) if files else None
        rng = self.rng
        self.log.append(f"{kind} {path.name if path else ''}")
        if kind == "value" and path:
            amount = rng.choice([None, 90_000, 221_000, 2_500_000, 100_000, 7_000_000])
            self._edit(path, lambda t: self._set_field(t, "contractwaarde", amount and str(amount)))
        elif kind == "title" and path:
            self._edit(path, lambda t: self._set_field(t, "titel", rng.choice(TITLES)))
        elif kind == "date" and path:
            if rng.random() < 0.5:
                block = f"\n  kwartaal: {rng.choice(QUARTERS)}\n  zekerheid: zeker"
            else:
                day = f"{rng.choice([2024, 2025, 2026])}-{rng.randint(1, 12):02d}-15"
                block = f"\n  datum: {day}\n  zekerheid: waarschijnlijk"
            self._edit(path, lambda t: self._set_field(t, "publicatie", block))
        elif kind == "role" and path:
            role = rng.choice([None, *ROLES])
            block = f"\n  rol: {role}" if role else None
            self._edit(path, lambda t: self._set_field(t, "betrokkenheid", block))
        elif kind == "theme" and path:
            answer = rng.choice(["ja", "nee", "open"])
            theme = rng.choice(["representatie", "toegankelijkheid", "sociale_veiligheid"])
            self._edit(path, lambda t: re.sub(rf"(  {theme}:) \S+", rf"\1 {answer}", t, count=1))
        elif kind == "status" and path:
            status = rng.choice(["kalender", "voorbereiding", "gepubliceerd", "gegund"])
            self._edit(path, lambda t: self._set_field(t, "status", status))
        elif kind == "add":
            source = (
                rng.choice(files)
                if files
                else SHIPPED / "tenders/fysiek/schilderen-masten-2025.yaml"
            )
            self.counter += 1
            new_id = f"stap-{self.counter}"
            folder = rng.choice(sorted(p for p in self.data.glob("tenders/*") if p.is_dir()))
            text = re.sub(
                r"^id: .*$", f"id: {new_id}", source.read_text("utf-8"), count=1, flags=re.M
            )
            (folder / f"{new_id}.yaml").write_text(text, "utf-8")
        elif kind == "remove" and path:
            path.unlink()
        elif kind == "rename" and path:
            self.counter += 1
            new_id = f"hernoemd-{self.counter}"
            text = re.sub(
                r"^id: .*$", f"id: {new_id}", path.read_text("utf-8"), count=1, flags=re.M
            )
            path.unlink()
            (path.parent / f"{new_id}.yaml").write_text(text, "utf-8")
        elif kind == "same-stat" and path:
            # a different content with the same size and the same mtime
            st = path.stat()
            text = path.read_text("utf-8")
            swapped = re.sub(
                r"^(contractwaarde: )(\d)",
                lambda m: m.group(1) + str(int(m.group(2)) % 9 + 1),
                text,
                count=1,
                flags=re.M,
            )
            if swapped == text:  # no value: change the first letter of the title
                swapped = re.sub(r"^(titel: )\w", r"\1Q", text, count=1, flags=re.M)
            if len(swapped.encode()) != len(text.encode()):
                swapped = text
            path.write_text(swapped, "utf-8")
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        elif kind == "racy" and path:
            # git's racy case: an edit in place (same inode) of the same size, its
            # mtime set to the very time the cache was written
            written = [p.stat().st_mtime_ns for p in self.cache.glob("*.findings.*")]
            text = path.read_text("utf-8")
            swapped = re.sub(
                r"^(titel: )(\w)",
                lambda m: m.group(1) + m.group(2).swapcase(),
                text,
                count=1,
                flags=re.M,
            )
            inode = path.stat().st_ino
            with path.open("r+b") as fh:  # no new file: the inode stays
                fh.write(swapped.encode("utf-8"))
            assert path.stat().st_ino == inode
            if written:
                os.utime(path, ns=(written[0], written[0]))
        elif kind == "kader":
            kader = self.data / "kader.yaml"
            text = kader.read_text("utf-8")
            text = re.sub(r"(capaciteit:) \d+", rf"\1 {rng.randint(1, 5)}", text, count=1)
            text = re.sub(r"(gewicht:) \d+", rf"\1 {rng.choice([10, 20, 40, 60])}", text, count=1)
            kader.write_text(text, "utf-8")
        elif kind == "break" and path:
            self._edit(path, lambda t: t + "kapot: [\n")
        elif kind == "repair":
            for p in files:
                text = p.read_text("utf-8")
                if text.endswith("kapot: [\n"):
                    p.write_text(text[: -len("kapot: [\n")], "utf-8")

    # -- commands ------------------------------------------------------------

    def command(self) -> tuple[list[str], str | None]:
        rng = self.rng
        name = rng.choice(["validate", "triage", "report", "report-file"])
        common = ["--data", str(self.data), "--date", DAY]
        if name == "validate":
            return ["validate", *common, "--format", rng.choice(["text", "json", "github"])], None
        if name == "triage":
            return ["triage", *common, "--format", rng.choice(["text", "markdown", "json"])], None
        if name == "report":
            fmt = rng.choice(["text", "markdown", "json"])
            return ["report", *common, "--from", "2024-Q1", "--format", fmt], None
        suffix = rng.choice([".xlsx", ".md", ".json", ".csv"])
        return ["report", *common, "--from", "2024-Q1", "--output"], suffix

    def run(self, args: list[str], suffix: str | None, cached: bool) -> Outcome:
        target = self.out / f"rapport{suffix}" if suffix else None
        full = [*args, *([str(target)] if target else [])]
        full += ["--cache-dir", str(self.cache)] if cached else ["--no-cache"]
        result = self.runner.invoke(app, full)
        stderr = result.stderr.replace(str(target), "OUT") if target else result.stderr
        return Outcome(
            result.exit_code,
            result.stdout,
            stderr,
            _file_content(target) if target else None,
        )


def test_cached_output_equals_uncached_on_a_random_walk(tmp_path: Path) -> None:
    seed = int(os.environ.get("INKOOPCHECK_CACHE_SEED", random.randrange(1 << 30)))
    steps = int(os.environ.get("INKOOPCHECK_CACHE_STEPS", "150"))
    walk = Walk(tmp_path, seed)
    for n in range(steps):
        walk.step()
        args, suffix = walk.command()
        cached = walk.run(args, suffix, cached=True)
        plain = walk.run(args, suffix, cached=False)
        if cached != plain:
            members = sorted(
                name
                for name in set(cached.file or {}) | set(plain.file or {})
                if (cached.file or {}).get(name) != (plain.file or {}).get(name)
            )
            history = "\n".join(walk.log[-10:])
            pytest.fail(
                f"seed {seed}, step {n}: {' '.join(args)} {suffix or ''} differs with the cache\n"
                f"file members that differ: {members}\n"
                f"last edits:\n{history}\n--- cached ---\n{cached.stdout[:3000]}{cached.stderr}"
                f"\n--- uncached ---\n{plain.stdout[:3000]}{plain.stderr}"
            )
        assert plain.exit_code in (0, 1), (seed, n, args, plain.stdout, plain.stderr)


def test_the_reported_case_value_changed_after_validate(tmp_path: Path) -> None:
    """The steps of the report: triage, edit the value, validate, triage again."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    runner = CliRunner()
    base = ["--data", str(data), "--date", DAY]
    assert runner.invoke(app, ["triage", *base, *cache]).exit_code == 0
    f = data / "tenders/bedrijfsvoering/arbodienstverlening-2025.yaml"
    f.write_text(f.read_text("utf-8").replace("contractwaarde: 2500000", "contractwaarde: 100000"))
    assert runner.invoke(app, ["validate", *base, *cache]).exit_code == 0
    result = runner.invoke(app, ["triage", *base, *cache, "--format", "json"])
    assert '"contractwaarde":100000' in result.stdout.replace(" ", "")
    assert "2500000" not in result.stdout
    plain = runner.invoke(app, ["triage", *base, "--no-cache", "--format", "json"])
    assert result.stdout == plain.stdout
