"""Which notices are the municipality's own: the buyer's name equals the official
name or an alias from kader.yaml (whole names, folded; "Gemeente Amstelveen" or
"Stadsregio Amsterdam" never pass for "Gemeente Amsterdam"), or its
identification number equals the kader's (digits compared, so NL-KVK-12345678
and 12345678 agree)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from inkoopcheck.kader import Organisatie
from inkoopcheck.tenderned.notice import Notice
from inkoopcheck.values import fold


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


@dataclass(frozen=True, slots=True)
class Own:
    names: frozenset[str]
    ident: str | None

    @classmethod
    def of(cls, org: Organisatie) -> Own:
        names = frozenset(fold(n) for n in (org.naam, *org.aliassen) if fold(n))
        ident = _digits(org.identificatie) if org.identificatie else None
        return cls(names, ident or None)

    def owns(self, notice: Notice) -> bool:
        if any(fold(name) in self.names for name in notice.koper_namen):
            return True
        return self.ident is not None and any(_digits(i) == self.ident for i in notice.koper_ids)
