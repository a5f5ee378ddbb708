#!/usr/bin/env bash
# Regenerates labels/data/countries.tsv, languages.tsv and isced_f.tsv.
#
# Countries and languages come from Debian's iso-codes package and its gettext
# translations (apt-get install iso-codes); ISCED-F from protocol/data/isced-f-2013.csv.
# The data files are committed: the crate never runs this script, so building
# vetnet needs neither iso-codes nor python3. Run it after an iso-codes upgrade
# or a change to protocol/data/isced-f-2013.csv, and review the diff.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for file in /usr/share/iso-codes/json/iso_3166-1.json /usr/share/iso-codes/json/iso_639-3.json \
    /usr/share/iso-codes/json/iso_639-2.json /usr/share/locale/sv/LC_MESSAGES/iso_3166-1.mo; do
    if [[ ! -e "$file" ]]; then
        echo "generate.sh: $file is missing: apt-get install iso-codes" >&2
        exit 1
    fi
done

version="$(dpkg-query -W -f='${Version}' iso-codes)"
# The upstream changelog's newest entry reads "## [4.15.0] – 2023-04-27".
date="$(zcat /usr/share/doc/iso-codes/changelog.gz | grep -m1 -oE '^## \[[0-9.]+\] – [0-9-]+' | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}')"

python3 "$here/generate.py" "$version" "$date"
