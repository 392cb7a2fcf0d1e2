"""Benchmark inkoopcheck against its floors and peers, as whole processes.

    python bench/run.py                 # 1,000 and 10,000 files, 5 runs each
    python bench/run.py --quick         # a tiny corpus, 1 run: proves the script works
    python bench/run.py --sizes 2000 10000 --seed 7 --before /tmp/old/src
                                        # another corpus; and an older version side by side

With --before, every command is also run from that source folder (a checkout's
src/, put first on PYTHONPATH) and each row shows both ratios, each version
against its own reference, all timed in the same alternation: before and after
see the same noise.

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
from collections.abc import Callable, Sequence
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
    cpu: float  # median CPU seconds (user + system, the workers included)


@dataclass(frozen=True)
class Version:
    """One inkoopcheck to time: the installed one, or a source folder."""

    label: str
    src: str | None
    cache: Path

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = {**base, "INKOOPCHECK_CACHE_DIR": str(self.cache)}
        if self.src:
            env["PYTHONPATH"] = self.src
        return env


def run_once(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    # the rusage of the child includes the workers it waited for; CPU seconds stay
    # meaningful when the machine is so busy that wall time is mostly waiting
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # KiB on Linux


Job = tuple[Sequence[str], Sequence[str], dict[str, str], Sequence[str] | None]


Make = Callable[["Version"], tuple[Sequence[str], Sequence[str], Sequence[str] | None]]


def same(a: Sequence[str], b: Sequence[str]) -> Make:
    """The same a and b for every version (the environment tells them apart)."""
    return lambda v: (a, b, None)


def compare_all(jobs: Sequence[Job], runs: int) -> list[tuple[Timing, Timing]]:
    """Time each job's a and b alternately, all jobs in one alternation (a1 b1 a2
    b2 ..., round after round); a job's `before_a` runs (untimed) before each of
    its a (a cache reset)."""
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in jobs]
    cpus: list[tuple[list[float], list[float]]] = [([], []) for _ in jobs]
    peaks = [[0.0, 0.0] for _ in jobs]
    for a, b, env, _ in jobs:  # warm the page cache and the venv's bytecode
        run_once(a, env)
        run_once(b, env)
    for _ in range(runs):
        for i, (a, b, env, before_a) in enumerate(jobs):
            if before_a:
                run_once(before_a, env)
            for k, cmd in enumerate((a, b)):
                t, m, c = run_once(cmd, env)
                times[i][k].append(t)
                cpus[i][k].append(c)
                peaks[i][k] = max(peaks[i][k], m)
    med = statistics.median
    return [
        (Timing(med(ta), pa, med(ca)), Timing(med(tb), pb, med(cb)))
        for (ta, tb), (ca, cb), (pa, pb) in zip(times, cpus, peaks, strict=True)
    ]


def tool(name: str) -> str | None:
    found = BIN / name
    if found.exists():
        return str(found)
    return shutil.which(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024, help="the corpus (gen_corpus.py)")
    parser.add_argument("--before", help="src/ folder of an older inkoopcheck to time as well")
    parser.add_argument("--after", help="src/ folder to time instead of the installed one")
    parser.add_argument("--quick", action="store_true", help="tiny corpus, one run")
    args = parser.parse_args()
    sizes, runs = ([30], 1) if args.quick else (args.sizes, args.runs)

    work = Path(tempfile.mkdtemp(prefix="inkoopcheck-bench-"))
    base_env = {**os.environ, "NO_COLOR": "1"}
    base_env.pop("INKOOPCHECK_JOBS", None)
    versions = [Version("after" if args.before else "", args.after, work / "cache-after")]
    if args.before:
        versions.append(Version("before", args.before, work / "cache-before"))
    # from a source folder: `python -m`; then the installed one is started the same way
    from_src = bool(args.before or args.after)
    ic = None if from_src else tool("inkoopcheck")
    icmd = ic.split() if ic else [PY, "-m", "inkoopcheck"]
    rows: list[tuple[str, str, str, Timing, Timing, str]] = []

    def measure(what: str, ref: str, goal: str, make: Make, runs: int = runs) -> None:
        """One row per version, all timed in one alternation."""
        jobs: list[Job] = []
        for v in versions:
            a, b, before_a = make(v)
            jobs.append((a, b, v.env(base_env), before_a))
        for v, (ta, tb) in zip(versions, compare_all(jobs, runs), strict=True):
            rows.append((what, v.label, ref, ta, tb, goal))
            print(
                f"{what:<44} {v.label:<6} {ta.median:7.3f} s  {ref:<26} {tb.median:7.3f} s  "
                f"x{ta.median / tb.median:5.2f}  goal {goal:<6} {ta.peak_mib:6.0f} MiB  "
                f"CPU {ta.cpu:.2f} s / {tb.cpu:.2f} s x{ta.cpu / max(tb.cpu, 1e-9):5.2f}",
                flush=True,
            )

    typer_only = [PY, "-c", "import typer"]
    measure(
        "inkoopcheck --version",
        "python -c 'import typer'",
        "<=1.15",
        same([*icmd, "--version"], typer_only),
        runs * 2,
    )
    measure(
        "inkoopcheck --help",
        "python -c 'import typer'",
        "<=1.15",
        same([*icmd, "--help"], typer_only),
        runs * 2,
    )

    # What every validate pays whatever the data: Python, typer (whose parameter
    # parsing builds pydantic adapters), our imports, kader.yaml. The warm goal
    # at 10,000 files is measured against this too.
    empty = work / "corpus-0"
    generate(0, empty, seed=args.seed)
    measure(
        "validate, empty data folder",
        "python -c 'import typer'",
        "",
        same([*icmd, "validate", "--data", str(empty)], typer_only),
        runs * 2,
    )

    for n in sizes:
        data = work / f"corpus-{n}"
        generate(n, data, seed=args.seed)
        files = str(data / "tenders")
        floor = [PY, "-c", FLOOR, files]
        cold = [*icmd, "validate", "--data", str(data), "--no-cache"]
        warm = [*icmd, "validate", "--data", str(data)]

        def refill(
            v: Version, warm: list[str] = warm, floor: list[str] = floor
        ) -> tuple[list[str], list[str], list[str]]:
            clear = f"import shutil; shutil.rmtree({str(v.cache)!r}, ignore_errors=True)"
            return warm, floor, [PY, "-c", clear]  # a cache reset before each

        measure(
            f"validate, cold, {n} files",
            "C-loader parse, 1 process",
            "<=0.9",
            same(cold, floor),
        )
        for v in versions:
            run_once(warm, v.env(base_env))  # fill the cache
        measure(
            f"validate, warm, {n} files",
            "C-loader parse, 1 process",
            "<=0.15",
            same(warm, floor),
        )
        measure(
            f"validate, cold + cache write, {n} files",
            "C-loader parse, 1 process",
            "",
            refill,
        )
        triage = [*icmd, "triage", "--data", str(data), "--no-cache", "--format", "json"]
        measure(f"triage, cold, {n} files", "validate, cold", "<=1.2", same(triage, cold))

        def report(
            v: Version, data: Path = data, cold: list[str] = cold
        ) -> tuple[list[str], list[str], None]:
            xlsx = work / f"x-{v.label or 'installed'}.xlsx"
            cmd = [*icmd, "report", "--data", str(data), "--no-cache", "--all", "--output"]
            return [*cmd, str(xlsx), "--force"], cold, None  # the same file, run after run

        measure(f"report --output x.xlsx, cold, {n} files", "validate, cold", "<=1.5", report)
        # warm: the cache filled by the untimed first run of each (tenders included)
        warm_triage = [*icmd, "triage", "--data", str(data), "--format", "json"]
        measure(f"triage, warm, {n} files", "validate, warm", "<1 s", same(warm_triage, warm))

        def warm_report(
            v: Version, data: Path = data, warm: list[str] = warm
        ) -> tuple[list[str], list[str], None]:
            xlsx = work / f"w-{v.label or 'installed'}.xlsx"
            cmd = [*icmd, "report", "--data", str(data), "--all", "--output", str(xlsx)]
            return [*cmd, "--force"], warm, None

        measure(f"report --output x.xlsx, warm, {n} files", "validate, warm", "<1 s", warm_report)
        cj = tool("check-jsonschema")
        if cj and not args.before:
            schema = str(ROOT / "schema" / "tender.schema.json")
            yamls = [str(p) for p in sorted((data / "tenders").rglob("*.yaml"))]
            measure(
                f"check-jsonschema, {n} files",
                "validate, cold",
                ">1",
                same([cj, "--schemafile", schema, *yamls], cold),
                max(1, runs // 2),
            )
        yl = tool("yamllint")
        if yl and not args.before:
            measure(
                f"yamllint -d relaxed, {n} files",
                "validate, cold",
                ">1",
                same([yl, "-d", "relaxed", files], cold),
                max(1, runs // 2),
            )
        shutil.rmtree(data)

    print()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}; {runs} runs per figure; "
        f"corpus seed {args.seed}."
    )
    print()
    head = "| command | version |" if args.before else "| command |"
    print(f"{head} median | compared to | median | ratio | goal | peak memory | CPU ratio |")
    print("|---|---|" if args.before else "|---|", "---:|---|---:|---:|---|---:|---:|", sep="")
    for what, label, ref, a, b, goal in rows:
        version = f" {label} |" if args.before else ""
        print(
            f"| {what} |{version} {a.median:.3f} s | {ref} | {b.median:.3f} s | "
            f"{a.median / b.median:.2f} | {goal} | {a.peak_mib:.0f} MiB | "
            f"{a.cpu / max(b.cpu, 1e-9):.2f} |"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
