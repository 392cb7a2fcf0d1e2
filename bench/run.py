"""Benchmark inkoopcheck against its floors and peers, as whole processes.

    python bench/run.py                 # 1,000 and 10,000 files, 5 runs each
    python bench/run.py --quick         # a tiny corpus, 1 run: proves the script works

Every figure is the median of several runs, and each command is timed
alternately with the floor it is compared to (A B A B ...), so both see the
same noise on a shared machine. The goals are ratios, not times. Peak memory is
the child's own maximum resident set (os.wait4), in MiB.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_corpus import generate  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
FLOOR = """
import os, sys, yaml
from yaml import CSafeLoader
for dp, dn, fn in os.walk(sys.argv[1]):
    for f in fn:
        if f.endswith(".yaml"):
            with open(os.path.join(dp, f), "rb") as fh:
                try:
                    yaml.load(fh.read(), Loader=CSafeLoader)
                except yaml.YAMLError:
                    pass
"""


@dataclass(frozen=True)
class Timing:
    median: float
    peak_mib: float


def run_once(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def compare(
    a: Sequence[str],
    b: Sequence[str],
    runs: int,
    env: dict[str, str],
    before_a: Sequence[str] | None = None,
) -> tuple[Timing, Timing]:
    """Time a and b alternately; `before_a` runs (untimed) before each a (cache reset)."""
    ta: list[float] = []
    tb: list[float] = []
    ma = mb = 0.0
    run_once(a, env)  # warm the page cache and the venv's bytecode for both
    run_once(b, env)
    for _ in range(runs):
        if before_a:
            run_once(before_a, env)
        t, m = run_once(a, env)
        ta.append(t)
        ma = max(ma, m)
        t, m = run_once(b, env)
        tb.append(t)
        mb = max(mb, m)
    return Timing(statistics.median(ta), ma), Timing(statistics.median(tb), mb)


def tool(name: str) -> str | None:
    found = BIN / name
    if found.exists():
        return str(found)
    return shutil.which(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="tiny corpus, one run")
    args = parser.parse_args()
    sizes, runs = ([30], 1) if args.quick else (args.sizes, args.runs)

    ic = tool("inkoopcheck") or f"{PY} -m inkoopcheck"
    icmd = ic.split()
    work = Path(tempfile.mkdtemp(prefix="inkoopcheck-bench-"))
    cache = work / "cache"
    env = {**os.environ, "INKOOPCHECK_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("INKOOPCHECK_JOBS", None)
    rows: list[tuple[str, str, Timing, Timing, str]] = []

    def row(what: str, ref: str, a: Timing, b: Timing, goal: str) -> None:
        rows.append((what, ref, a, b, goal))
        ratio = a.median / b.median
        print(
            f"{what:<44} {a.median:7.3f} s  {ref:<34} {b.median:7.3f} s  "
            f"x{ratio:5.2f}  goal {goal:<6} {a.peak_mib:6.0f} MiB",
            flush=True,
        )

    row(
        "inkoopcheck --version",
        "python -c 'import typer'",
        *compare([*icmd, "--version"], [PY, "-c", "import typer"], runs * 2, env),
        "<=1.15",
    )
    row(
        "inkoopcheck --help",
        "python -c 'import typer'",
        *compare([*icmd, "--help"], [PY, "-c", "import typer"], runs * 2, env),
        "<=1.15",
    )

    for n in sizes:
        data = work / f"corpus-{n}"
        generate(n, data)
        files = str(data / "tenders")
        floor = [PY, "-c", FLOOR, files]
        cold = [*icmd, "validate", "--data", str(data), "--no-cache"]
        warm = [*icmd, "validate", "--data", str(data)]
        clear = [PY, "-c", f"import shutil; shutil.rmtree({str(cache)!r}, ignore_errors=True)"]
        cold_t, floor_t = compare(cold, floor, runs, env)
        row(f"validate, cold, {n} files", "C-loader parse, 1 process", cold_t, floor_t, "<=0.8")
        run_once(warm, env)  # fill the cache
        row(
            f"validate, warm, {n} files",
            "C-loader parse, 1 process",
            *compare(warm, floor, runs, env),
            "<=0.2",
        )
        row(
            f"validate, cold + cache write, {n} files",
            "C-loader parse, 1 process",
            *compare(warm, floor, runs, env, before_a=clear),
            "",
        )
        triage = [*icmd, "triage", "--data", str(data), "--no-cache", "--format", "json"]
        row(
            f"triage, cold, {n} files", "validate, cold", *compare(triage, cold, runs, env), "<=1.3"
        )
        xlsx = work / "x.xlsx"
        report = [
            *icmd,
            "report",
            "--data",
            str(data),
            "--no-cache",
            "--all",
            "--output",
            str(xlsx),
            "--force",  # the same file, run after run
        ]
        row(
            f"report --output x.xlsx, cold, {n} files",
            "validate, cold",
            *compare(report, cold, runs, env),
            "<=1.3",
        )
        cj = tool("check-jsonschema")
        if cj:
            schema = str(ROOT / "schema" / "tender.schema.json")
            yamls = [str(p) for p in sorted((data / "tenders").rglob("*.yaml"))]
            row(
                f"check-jsonschema, {n} files",
                "validate, cold",
                *compare([cj, "--schemafile", schema, *yamls], cold, max(1, runs // 2), env),
                ">1",
            )
        yl = tool("yamllint")
        if yl:
            row(
                f"yamllint -d relaxed, {n} files",
                "validate, cold",
                *compare([yl, "-d", "relaxed", files], cold, max(1, runs // 2), env),
                ">1",
            )
        shutil.rmtree(data)

    print()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}; {runs} runs per figure."
    )
    print()
    print("| command | median | compared to | median | ratio | goal | peak memory |")
    print("|---|---:|---|---:|---:|---|---:|")
    for what, ref, a, b, goal in rows:
        print(
            f"| {what} | {a.median:.3f} s | {ref} | {b.median:.3f} s | "
            f"{a.median / b.median:.2f} | {goal} | {a.peak_mib:.0f} MiB |"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
