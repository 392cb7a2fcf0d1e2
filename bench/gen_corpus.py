"""Generate a realistic tender corpus for benchmarks: a data folder with the
shipped kader.yaml and N tender files spread over the directie folders, a few
percent of them broken in the ways directies really break them.

    python bench/gen_corpus.py --files 10000 --out bench/corpus/10000

Seeded: the same arguments give the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "onderhoud",
    "levering",
    "inhuur",
    "beheer",
    "schoonmaak",
    "beveiliging",
    "catering",
    "advies",
    "liften",
    "koffieautomaten",
    "drukwerk",
    "meubilair",
    "software",
    "licenties",
    "verlichting",
    "groenonderhoud",
    "vervoer",
    "evenementen",
    "vergaderlocaties",
    "uitzendkrachten",
    "arbodienstverlening",
    "dienstkleding",
    "kantoorartikelen",
    "telefonie",
]
CPV = [
    "79620000-6",
    "85147000-1",
    "42416100-6",
    "50750000-7",
    "39711310-5",
    "79952000-2",
    "90910000-9",
    "79710000-4",
    "48000000-8",
    "45000000-7",
]
BREAKAGES = (
    ("contractwaarde:", "contractwarde:"),  # typo in a key
    ("status: kalender", "status: Kalender"),  # wrong value
    ("zekerheid: ", "zekerheid:  \tx"),  # tab and junk
    ("personeel: ja", "personeel: yes"),  # YAML 1.1 boolean
    ("titel: ", "titel: [niet gesloten\n"),  # syntax error
)


def tender_text(i: int, rng: random.Random, directie: str, slug: str) -> tuple[str, str]:
    words = rng.sample(WORDS, 3)
    year = rng.choice([2025, 2026, 2027])
    tid = f"{words[0]}-{words[1]}-{i:05d}-{year}"
    q = rng.randint(1, 4)
    value = rng.choice([None, rng.randint(20_000, 12_000_000)])
    soort = rng.choice(["leveringen", "diensten", "werken", "sociale-diensten"])
    themes = {
        k: rng.choice(["ja", "nee", "open"])
        for k in ("representatie", "toegankelijkheid", "sociale_veiligheid")
    }
    lines = [
        "# yaml-language-server: $schema=../../../schema/tender.schema.json",
        f"id: {tid}",
        f"titel: {words[0].capitalize()} {words[1]} en {words[2]} {i}",
        f"directie: {directie}",
        "leadbuyer: " + rng.choice(["Bedrijfsvoering", "Fysiek", "Sociaal"]),
        f"soort: {soort}",
        f"cpv: [{', '.join(rng.sample(CPV, rng.randint(1, 3)))}]",
        f"contractwaarde: {'null' if value is None else value}",
        # consistent with the 2025-2027 thresholds, as a careful directie would write it
        "procedure: "
        + (
            "europees"
            if value is None or value >= 5_538_000 or (soort != "werken" and value >= 221_000)
            else rng.choice(["nationaal", "meervoudig-onderhands"])
        ),
        "publicatie:",
        f"  kwartaal: {year}-Q{q}",
        "  zekerheid: " + rng.choice(["zeker", "waarschijnlijk", "onzeker"]),
        "personeel: " + rng.choice(["ja", "nee"]),
        "themas:",
        *[f"  {k}: {v}" for k, v in themes.items()],
        "toelichting: Afgewogen in het overleg met de directie.",
        "status: " + rng.choice(["kalender", "kalender", "voorbereiding", "gegund"]),
        f"contact: inkoop-{slug}@example.nl",
        "bron: Inkoopkalender 2025 van de directie",
        "opmerkingen: |",
        "  Meerjarig contract met optie tot verlenging.",
        "  Afstemming met de leadbuyer loopt.",
    ]
    if soort in ("werken", "diensten") and value and value > 250_000:
        lines[-3:-3] = [
            "social_return:",
            "  percentage: 5",
            "  werkwijze: traditioneel",
            "  doelgroepen: [statushouders]",
        ]
    return tid, "\n".join(lines) + "\n"


def generate(files: int, out: Path, broken: float = 0.03, seed: int = 2024) -> None:
    rng = random.Random(seed)
    kader = yaml.safe_load((ROOT / "data" / "kader.yaml").read_text("utf-8"))
    directies = [(name, d["slug"]) for name, d in kader["directies"].items()]
    if out.exists():
        shutil.rmtree(out)
    (out / "tenders").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "kader.yaml", out / "kader.yaml")
    for i in range(files):
        directie, slug = rng.choice(directies)
        tid, text = tender_text(i, rng, directie, slug)
        if rng.random() < broken:
            old, new = rng.choice(BREAKAGES)
            text = text.replace(old, new, 1)
        folder = out / "tenders" / slug
        folder.mkdir(exist_ok=True)
        (folder / f"{tid}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--broken", type=float, default=0.03)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    generate(args.files, args.out, args.broken, args.seed)


if __name__ == "__main__":
    main()
