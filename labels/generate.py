#!/usr/bin/env python3
"""Writes the generated data files of vetnet-labels.

countries.tsv and languages.tsv come from Debian's iso-codes package (the JSON
lists and the gettext catalogues of their translations); isced_f.tsv comes from
protocol's ISCED-F list, protocol/data/isced-f-2013.csv, and each narrow
field's …0 and …9. Run it through generate.sh, which checks the inputs first.
"""

import json
import struct
import subprocess
import sys
from pathlib import Path

# The ten languages of the region, English first: the columns of the files.
LANGS = ["en", "sv", "de", "fi", "et", "lv", "lt", "pl", "da", "nb"]

ISO_JSON = Path("/usr/share/iso-codes/json")
LOCALE = Path("/usr/share/locale")
HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PROTOCOL_ISCED_F = HERE.parent / "protocol" / "data" / "isced-f-2013.csv"

# Kosovo has no ISO 3166-1 code, so iso-codes does not list it; the EU and
# Erasmus+ use the user-assigned code XK, and protocol accepts it. Its names in
# the ten languages (as in the Unicode CLDR) are added here by hand.
KOSOVO = {
    "en": "Kosovo",
    "sv": "Kosovo",
    "de": "Kosovo",
    "fi": "Kosovo",
    "et": "Kosovo",
    "lv": "Kosova",
    "lt": "Kosovas",
    "pl": "Kosowo",
    "da": "Kosovo",
    "nb": "Kosovo",
}

def read_mo(path):
    """The translations of a gettext .mo catalogue, msgid to msgstr.

    Entries without a translation are not in a .mo file, so a msgid that is
    missing here is untranslated (a translation may equal its msgid).
    """
    if not path.exists():
        return {}
    raw = path.read_bytes()
    order = "<" if struct.unpack("<I", raw[:4])[0] == 0x950412DE else ">"
    _revision, count, originals, translations = struct.unpack(order + "4I", raw[4:20])
    catalogue = {}
    for i in range(count):
        olen, ooff = struct.unpack(order + "2I", raw[originals + 8 * i : originals + 8 * i + 8])
        tlen, toff = struct.unpack(order + "2I", raw[translations + 8 * i : translations + 8 * i + 8])
        msgid = raw[ooff : ooff + olen].decode("utf-8")
        # The empty msgid is the catalogue header; a \x04 marks a context.
        if msgid and "\x04" not in msgid:
            catalogue[msgid] = raw[toff : toff + tlen].decode("utf-8").split("\x00")[0]
    return catalogue


def catalogues(domain):
    """One catalogue per language of the region (English needs none)."""
    return {lang: read_mo(LOCALE / lang / "LC_MESSAGES" / f"{domain}.mo") for lang in LANGS[1:]}


def first_translated(catalogue, msgids):
    """The translation of the first msgid that has one, or None."""
    for msgid in msgids:
        if msgid and msgid in catalogue:
            return catalogue[msgid]
    return None


def first_alternative(name):
    """ISO 639-2 names list alternatives ("Catalan; Valencian"): the first one."""
    return name.split(";")[0].strip()


def capitalised(name):
    """Language names start with a capital in lists and menus, as CLDR's
    uiListOrMenu context transform does for these languages (in running text
    Finnish or Polish writes them in lower case)."""
    return name[:1].upper() + name[1:]


def country_rows():
    entries = json.loads((ISO_JSON / "iso_3166-1.json").read_text("utf-8"))["3166-1"]
    cats = catalogues("iso_3166-1")
    rows = {}
    for entry in entries:
        # The common name first ("Bolivia", not "Bolivia, Plurinational State
        # of"); where a language has no translation of it, its translation of
        # the name, then of the official name (a renamed country such as
        # Czechia may only be translated under its older official name).
        msgids = [entry.get("common_name"), entry["name"], entry.get("official_name")]
        row = {"en": entry.get("common_name") or entry["name"]}
        for lang in LANGS[1:]:
            row[lang] = first_translated(cats[lang], msgids) or ""
        rows[entry["alpha_2"]] = row
    rows["XK"] = dict(KOSOVO)
    return rows


def language_rows():
    # ISO 639-3 gives one name per language ("Scottish Gaelic"); its 184
    # languages with a two-letter ISO 639-1 code are the ones a learner or an
    # institution picks. ISO 639-2's catalogues fill gaps in the translations.
    entries = json.loads((ISO_JSON / "iso_639-3.json").read_text("utf-8"))["639-3"]
    part2 = json.loads((ISO_JSON / "iso_639-2.json").read_text("utf-8"))["639-2"]
    part2_names = {e["alpha_2"]: e["name"] for e in part2 if "alpha_2" in e}
    cats3 = catalogues("iso_639-3")
    cats2 = catalogues("iso_639-2")
    rows = {}
    for entry in entries:
        code = entry.get("alpha_2")
        if not code:
            continue
        row = {"en": entry.get("common_name") or entry["name"]}
        for lang in LANGS[1:]:
            name = first_translated(cats3[lang], [entry.get("common_name"), entry["name"]])
            # A few catalogues copy an English name with an English qualifier
            # ("Modern Greek (1453-)", "Malay (macrolanguage)") unchanged: that
            # is untranslated, and ISO 639-2's catalogue may have a real one.
            copied = name == row["en"] and "(" in name
            if (name is None or copied) and code in part2_names:
                translated = first_translated(cats2[lang], [part2_names[code]])
                if translated and not (copied and translated == part2_names[code]):
                    name = first_alternative(translated)
            row[lang] = capitalised(name) if name else ""
        rows[code] = row
    return rows


def isced_f_rows():
    # protocol's list: comment lines, a header line, then code,level,name
    # (the name is the rest of the line and may hold commas).
    lines = [line for line in PROTOCOL_ISCED_F.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    fields = [line.split(",", 2) for line in lines[1:]]
    names = {code: name for code, _, name in fields}
    narrow = [code for code, level, _ in fields if level == "narrow" and code != "999"]
    # Each narrow field has a detailed "…0" for programmes not further
    # defined and "…9" for those not elsewhere classified (ISCED-F 2013).
    for code in narrow:
        names[code + "0"] = names[code] + " not further defined"
        names[code + "9"] = names[code] + " not elsewhere classified"
    # protocol takes "9990" by the same rule (the narrow "999" plus "0"); it is
    # still the unknown field.
    names["9990"] = names["9999"]
    return {code: {"en": name} for code, name in names.items()}


def write_tsv(path, header, langs, rows):
    lines = [f"# {line}" for line in header]
    lines.append("\t".join(["code", *langs]))
    for code in sorted(rows):
        cells = [code, *(rows[code].get(lang, "") for lang in langs)]
        if any("\t" in cell or "\n" in cell for cell in cells):
            sys.exit(f"{path.name}: a tab or newline in the row of {code}")
        lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n", "utf-8")


def report_missing(name, rows):
    for lang in LANGS[1:]:
        missing = [code for code, row in sorted(rows.items()) if not row[lang]]
        if missing:
            print(f"{name}: {len(missing)} without a label in {lang}: {' '.join(missing)}")


def main():
    version, date = sys.argv[1], sys.argv[2]
    source = f"Debian iso-codes {version} (upstream release of {date})"
    edit = "Written by labels/generate.sh: do not edit by hand; run the script again."
    countries = country_rows()
    write_tsv(
        DATA / "countries.tsv",
        [
            f"ISO 3166-1 alpha-2 country names from {source}: iso_3166-1.json and its",
            "iso_3166-1.mo translations; XK (Kosovo) added by the script. An empty cell has no translation.",
            edit,
        ],
        LANGS,
        countries,
    )
    languages = language_rows()
    write_tsv(
        DATA / "languages.tsv",
        [
            f"ISO 639-1 language names from {source}: iso_639-3.json and its",
            "iso_639-3.mo translations, then iso_639-2.mo's. An empty cell has no translation.",
            edit,
        ],
        LANGS,
        languages,
    )
    write_tsv(
        DATA / "isced_f.tsv",
        [
            "ISCED-F 2013 fields in English: broad, narrow and detailed titles from protocol/data/isced-f-2013.csv",
            "(UNESCO's ISCED-F 2013), and each narrow field's …0 and …9.",
            edit,
        ],
        ["en"],
        isced_f_rows(),
    )
    report_missing("countries", countries)
    report_missing("languages", languages)


if __name__ == "__main__":
    main()
