"""Did you mean …? The one place that guesses which known name an unknown word
stands for, and says it in Dutch. Used for field names, values, directies,
tender ids, commands and options alike."""

from __future__ import annotations

from collections.abc import Iterable


def _distance(a: str, b: str) -> int:
    """Edits between a and b: insert, delete, replace, or swap two neighbours (the
    typos people make: 'contractwarde', 'pubilcatie')."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[len(b)]


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """The option `word` surely stands for, or None: a wrong guess ('gepland' ->
    'gegund') is worse than none. That is: the same but for case; or the one
    option a typo away (1 edit up to 5 letters, 2 up to 10, 3 beyond); or the
    one option that starts with `word` (at least 4 letters); or the one option
    that shares its first five letters or more. Ties: no guess."""
    options = list(dict.fromkeys(options))
    folded = word.casefold()
    same = [o for o in options if o.casefold() == folded]
    if same:
        return same[0] if len(same) == 1 else None
    limit = 1 if len(folded) <= 5 else 2 if len(folded) <= 10 else 3
    scored = sorted((_distance(folded, o.casefold()), o) for o in options)
    close = [o for d, o in scored if d <= limit and d == scored[0][0]]
    if len(close) == 1:
        return close[0]
    if close:
        return None
    if len(folded) >= 4:
        starts = [o for o in options if o.casefold().startswith(folded)]
        if len(starts) == 1:
            return starts[0]
    # the one option that shares its first five letters or more ('valideer' ->
    # 'validate': the Dutch verb for the English command)
    shared = [(_common_prefix(folded, o.casefold()), o) for o in options]
    best = max((n for n, _ in shared), default=0)
    if best >= 5:
        winners = [o for n, o in shared if n == best]
        if len(winners) == 1:
            return winners[0]
    return None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def suggest(word: str, options: Iterable[str]) -> str:
    """The end of a message about an unknown `word`: " — bedoel je 'x'?", a
    remark about capitals when only those differ, or nothing."""
    guess = did_you_mean(word, options)
    if guess is None or guess == word:
        return ""
    if guess.casefold() == word.casefold():
        case = "met kleine letters" if guess.islower() else "let op de hoofdletters"
        return f" — schrijf '{guess}' ({case})"
    return f" — bedoel je '{guess}'?"
