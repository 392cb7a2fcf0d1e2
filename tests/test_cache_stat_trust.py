"""The cache's stat-trust decision never serves a stale hash.

A simulated file system with a coarse clock (a tick of 1 ns, 4 ms, 1 s or 2 s,
and a clock that lags the fine one) goes through random sequences of edits
(in place, with the size kept, with the mtime set back or set to the cache's own
write time, replacements by a new file that may reuse an inode), edits between
a file's stat and its read, and runs of the real cache code (save, load,
trusted_digest). Whenever a stored hash is trusted, it must equal the hash of
what the file holds at that moment: what plain hashing would give.
"""

from __future__ import annotations

import random
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from inkoopcheck.cache import MARGIN_NS, TRUST_STAT, Cache
from inkoopcheck.pipeline import FileRecord, StatKey, digest

pytestmark = pytest.mark.skipif(not TRUST_STAT, reason="no stat is trusted on this system")

SECOND = 1_000_000_000
REG = stat.S_IFREG | 0o644


@dataclass
class SimFile:
    content: bytes
    ino: int
    mtime: int
    ctime: int
    mode: int = REG


class SimFS:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tick = rng.choice([1, 4_000_000, SECOND, 2 * SECOND])
        self.lag = rng.choice([0, 1_000_000, 10_000_000])  # the coarse clock runs behind
        self.now = 1_700_000_000 * SECOND + rng.randrange(SECOND)
        self.files: dict[str, SimFile] = {}
        self.free_inodes = [10, 11, 12]

    def file_time(self) -> int:
        t = self.now - self.lag
        return t - t % self.tick

    def advance(self) -> None:
        self.now += self.rng.choice(
            [0, 1, 1000, 2_000_000, 2_000_000, 300_000_000, SECOND, 3 * SECOND, MARGIN_NS]
        )

    def new_ino(self) -> int:
        if self.free_inodes and self.rng.random() < 0.5:
            return self.free_inodes.pop()
        return self.rng.randrange(100, 1 << 30)

    def create(self, name: str) -> None:
        t = self.file_time()
        old = self.files.get(name)
        if old is not None:
            self.free_inodes.append(old.ino)
        self.files[name] = SimFile(self._content(None), self.new_ino(), t, t)

    def _content(self, old: bytes | None) -> bytes:
        if old is not None and self.rng.random() < 0.6:  # keep the size
            i = self.rng.randrange(len(old))
            return old[:i] + bytes([(old[i] + 1) % 256]) + old[i + 1 :]
        return bytes(self.rng.randrange(97, 100) for _ in range(self.rng.randint(1, 6)))

    def edit(self, name: str, cache_written: int | None) -> None:
        f = self.files[name]
        t = self.file_time()
        old_mtime = f.mtime
        f.content = self._content(f.content)
        f.mtime = f.ctime = t
        choice = self.rng.random()
        if choice < 0.3:  # os.utime back to the old mtime: only the ctime moves
            f.mtime = old_mtime
        elif choice < 0.5 and cache_written is not None:  # the mtime of the cache's write
            f.mtime = cache_written

    def key(self, name: str) -> StatKey | None:
        f = self.files.get(name)
        if f is None:
            return None
        return (f.mode, 1, f.ino, len(f.content), f.mtime, f.ctime)


def _run(
    fs: SimFS, cache_dir: Path, rng: random.Random, written: list[int | None], noise: bool = True
) -> tuple[int, int]:
    """One run: stat, trust or read and hash, save. Returns (trusted, hashed)."""
    cache = Cache(cache_dir, cache_dir, ["sim"], started_ns=fs.now)
    cache.load()
    records = []
    trusted = hashed = 0
    for name in sorted(fs.files):
        if noise and rng.random() < 0.2:
            fs.advance()
        key = fs.key(name)
        assert key is not None
        known = cache.trusted_digest(name, key)
        if known is not None:
            # what plain hashing gives now
            assert known == digest(fs.files[name].content), (name, key)
            trusted += 1
        else:
            if noise and rng.random() < 0.2:  # an edit between the stat and the read
                if rng.random() < 0.5:
                    fs.advance()
                fs.edit(name, written[0])
            known = digest(fs.files[name].content)
            hashed += 1
        records.append(FileRecord(name, name, known, (), None, (0, 0), None, key))
    cache.save([], records, payloads=False)
    written[0] = fs.file_time()  # the cache file's own mtime
    return trusted, hashed


@pytest.mark.parametrize("seed", range(40))
def test_a_trusted_stat_always_stands_for_the_current_bytes(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    fs = SimFS(rng)
    for i in range(4):
        fs.create(f"f{i}")
    written: list[int | None] = [None]
    trusted = 0
    for _ in range(250):
        action = rng.random()
        names = sorted(fs.files)
        if action < 0.3:
            fs.advance()
        elif action < 0.55:
            fs.edit(rng.choice(names), written[0])
        elif action < 0.6:
            fs.create(rng.choice([*names, f"f{rng.randrange(8)}"]))
        else:
            trusted += _run(fs, tmp_path, rng, written)[0]
    assert trusted  # the trust path was taken, not only the hashing one


def test_a_young_stat_is_hashed_until_a_run_starts_well_after_it(tmp_path: Path) -> None:
    rng = random.Random(1)
    fs = SimFS(rng)
    fs.create("a")
    written: list[int | None] = [None]
    assert _run(fs, tmp_path, rng, written, noise=False) == (0, 1)
    assert _run(fs, tmp_path, rng, written, noise=False) == (0, 1)  # still young: not stored
    fs.now += MARGIN_NS + fs.tick + fs.lag
    assert _run(fs, tmp_path, rng, written, noise=False) == (0, 1)  # hashed, stat stored now
    assert _run(fs, tmp_path, rng, written, noise=False) == (1, 0)
    fs.edit("a", written[0])
    assert _run(fs, tmp_path, rng, written, noise=False) == (0, 1)
