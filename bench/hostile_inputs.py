"""Time and memory of the command line on huge and deeply nested articles (docs/robustness.md's figures).

Makes each file in a temporary folder, runs ``captioncheck --format json FILE`` on it in a child
process, and prints wall seconds, peak memory of the child and the exit status.

    python bench/hostile_inputs.py [--only NAME]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = "le la les un une des de du et à pour dans sur avec par plus ministre président gouvernement".split()


def files() -> dict[str, bytes]:
    rng = random.Random(0)
    line = " ".join(rng.choice(WORDS) for _ in range(900_000))[:4_900_000]
    sentences = " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(65_000))
    paragraphs = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + "."
                             for _ in range(100_000))
    # a Spanish paragraph and its French translation, nothing but numbers written out in words: they
    # are paired, and both sides' numbers read and compared
    spanish = " ".join(f"{rng.choice(['veinte', 'treinta', 'cuarenta'])} y {rng.choice(['uno', 'dos', 'tres'])},"
                       for _ in range(12_000))
    french = " ".join(f"{rng.choice(['vingt', 'trente', 'quarante'])}-{rng.choice(['deux', 'trois', 'quatre'])},"
                      for _ in range(12_000))
    # two caption lines of one slot naming 2,500 made-up people each: every name is looked for on the
    # other side
    syllables = "ka lo mi ra te su na vo pe li do ga ri ne to ba".split()

    def person() -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(3)).capitalize() for _ in range(2))
    spanish_names = " ".join(f"saluda a {person()}, alcalde de la ciudad, y" for _ in range(2500))
    french_names = " ".join(f"salue {person()}, maire de la ville, et" for _ in range(2500))
    # 5,000 photo slots, each a Spanish caption above a French one: every slot paired, scored, set
    # against its neighbours (crossed captions) and reported
    scenes = [("El ministro visita el hospital de la ciudad", "Le ministre visite l'hôpital de la ville"),
              ("Los vecinos limpian el barro de sus casas", "Les habitants nettoient la boue de leurs maisons"),
              ("Un médico revisa una radiografía", "Un médecin examine une radiographie"),
              ("Bomberos evacúan a una mujer mayor", "Des pompiers évacuent une femme âgée")]
    slots = "\n".join(f"AFP - {rng.choice(scenes)[0]} {i}.\nAFP - {rng.choice(scenes)[1]} {i}.\n"
                      for i in range(5000))
    return {
        "slots-5000.txt": f"Le gouvernement présente son plan pour la ville\n\n{slots}".encode(),
        "number-words-2x200KB.txt": f"Des nombres\n\n{spanish}\n\n{french}\n".encode(),
        "times-2x140KB.txt": ("Les horaires des trains de la ville\n\nAFP - Llegó el tren " + "a las 2:30 y 14h15, " * 8000
                              + "con retraso.\nAFP - Le train est arrivé " + "à 2:30 et 14h15, " * 8000
                              + "en retard.\n").encode(),
        "names-2x90KB.txt": (f"Le ministre présente son plan aux habitants de la ville\n\nAFP - El ministro "
                             f"{spanish_names} se va.\nAFP - Le ministre {french_names} s'en va.\n").encode(),
        "line-4.4MB.txt": line.encode(),
        "line-4.4MB.md": line.encode(),
        "line-4.4MB.html": f"<p>{line}</p>".encode(),
        "nested-100k.html": b"<div>" * 100_000 + b"texte" + b"</div>" * 100_000,
        "sentences-4.8MB.txt": sentences.encode(),
        "paragraphs-100k.txt": paragraphs.encode(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}\n")
    print("| file | size | wall s | peak MB | exit |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files().items():
            if args.only and args.only not in name:
                continue
            path = Path(folder) / name
            path.write_bytes(data)
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "captioncheck", "--format", "json", str(path)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - started
            print(f"| {name} | {len(data) / 1e6:.1f} MB | {elapsed:.1f} | {usage.ru_maxrss / 1024:.0f} | "
                  f"{os.waitstatus_to_exitcode(status)} |")


if __name__ == "__main__":
    main()
