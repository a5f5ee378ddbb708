#!/usr/bin/env python3
"""Writes the code lists of protocol/data that come from a package.

    protocol/data/generate.py ISO_CODES_JSON_DIR REGISTRY_JSON_DIR NACE_CSV

- iso-3166-1.csv from Debian's iso-codes 4.15.0 (`apt-get download iso-codes`,
  `dpkg-deb -x`, then usr/share/iso-codes/json), plus XK (Kosovo);
- language-subtag-registry.csv from the npm package language-subtag-registry
  0.4.2 (`npm pack language-subtag-registry@0.4.2`, then package/data/json);
- nace-rev2.csv from the PyPI package odoo12-addon-l10n-eu-nace 12.0.2.1.1
  (`pip download --no-deps`, then odoo/addons/l10n_eu_nace/data/res.partner.nace.csv).

The other files (isced-f-2013.csv, eqf-levels.csv, cefr-levels.csv) are kept
by hand. The files are committed: building vetnet never runs this script. Run
it after a source upgrade, review the diff and update docs/PROTOCOL.md.
"""

import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent


def write(name, comments, header, rows):
    lines = [f"# {line}" for line in comments] + [",".join(header)]
    for row in rows:
        for cell in row[:-1]:
            if "," in cell or "\n" in cell:
                sys.exit(f"{name}: a comma or newline in {cell!r}, which is not the last column")
        if "\n" in row[-1]:
            sys.exit(f"{name}: a newline in {row[-1]!r}")
        lines.append(",".join(row))
    (DATA / name).write_text("\n".join(lines) + "\n", "utf-8")


def countries(json_dir):
    entries = json.loads((json_dir / "iso_3166-1.json").read_text("utf-8"))["3166-1"]
    rows = [(e["alpha_2"], "officially-assigned", e["name"]) for e in entries]
    # Kosovo has no ISO 3166-1 code; the EU and Erasmus+ use the user-assigned
    # code XK, and vetnet accepts it.
    rows.append(("XK", "user-assigned", "Kosovo"))
    rows.sort()
    write(
        "iso-3166-1.csv",
        [
            "ISO 3166-1 alpha-2 codes: Debian iso-codes 4.15.0 (upstream release of 2023-04-27), iso_3166-1.json,",
            "249 officially assigned codes, and XK (Kosovo), user-assigned. Written by protocol/data/generate.py.",
        ],
        ["code", "status", "name"],
        rows,
    )


def registry(json_dir):
    file_date = json.loads((json_dir / "meta.json").read_text("utf-8"))["File-Date"]
    records = json.loads((json_dir / "registry.json").read_text("utf-8"))
    rows = []
    for record in records:
        subtag = record.get("Subtag") or record["Tag"]
        rows.append(
            (
                record["Type"],
                subtag,
                " ".join(record.get("Prefix", [])),
                record.get("Preferred-Value", ""),
                record.get("Deprecated", ""),
            )
        )
    write(
        "language-subtag-registry.csv",
        [
            f"File-Date: {file_date}",
            "The IANA Language Subtag Registry, every record in the registry's order, without descriptions and",
            "comments: from the npm package language-subtag-registry 0.4.2 (data/json/registry.json, CC0-1.0).",
            "prefix holds the record's Prefix fields separated by spaces. Written by protocol/data/generate.py.",
        ],
        ["type", "subtag", "prefix", "preferred_value", "deprecated"],
        rows,
    )


def nace(path):
    with path.open(encoding="utf-8") as f:
        records = [r for r in csv.DictReader(f) if r["code"]]
    section_of = {}
    rows = []
    for r in records:
        code, parent = r["code"], r["parent_id:id"].removeprefix("nace_")
        if code.isalpha():
            level, written = 1, code
        else:
            division = code[:2]
            if len(code) == 2:
                section_of[division] = parent
            level = {2: 2, 4: 3, 5: 4}[len(code)]
            written = section_of[division] + code
        rows.append((written, str(level), r["name"].strip()))
    write(
        "nace-rev2.csv",
        [
            "NACE Rev. 2 (Regulation (EC) No 1893/2006): 21 sections, 88 divisions, 272 groups, 615 classes,",
            "written with the section letter (F, F41, F41.2, F41.20); English titles as in the source.",
            "From the PyPI package odoo12-addon-l10n-eu-nace 12.0.2.1.1, data/res.partner.nace.csv",
            "(Eurostat's NACE Rev. 2). Written by protocol/data/generate.py.",
        ],
        ["code", "level", "name"],
        rows,
    )


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    countries(Path(sys.argv[1]))
    registry(Path(sys.argv[2]))
    nace(Path(sys.argv[3]))


if __name__ == "__main__":
    main()
