"""The terminal side of `new` and `import`: questions and a progress bar, both
on stderr so that stdout carries only the results."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from inkoopcheck.findings import Finding


class Prompter:
    """Asks on the terminal (an `Asker` for newtender.gather)."""

    def ask(self, question: str, default: str | None) -> str:
        # not typer.prompt: it echoes the prompt's last character to stdout
        sys.stderr.write(f"{question} [{default}]: " if default else f"{question}: ")
        sys.stderr.flush()
        try:
            answer = input()
        except EOFError:
            sys.stderr.write("\n")
            raise typer.Abort() from None
        return answer.strip() or (default or "")

    def say(self, text: str) -> None:
        from inkoopcheck.fmt import display_text

        typer.echo(display_text(text), err=True)  # it may quote an answer back

    def findings(self, found: Sequence[Finding]) -> None:
        from inkoopcheck.render.findings import lines

        self.say(lines(found))


class ImportProgress:
    """A progress bar on stderr, only on a terminal and only for long imports."""

    MIN_ROWS = 20

    def __init__(self, label: str = "Importeren", min_total: int = MIN_ROWS) -> None:
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._label = label
        self._min_total = min_total

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < self._min_total or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=total)
        if self._task is not None:
            self._bar.update(self._task, completed=done)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
