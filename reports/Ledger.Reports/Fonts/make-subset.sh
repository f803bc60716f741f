#!/usr/bin/env bash
# Regenerates the DejaVu Sans subsets embedded in Ledger.Reports (regular and bold).
#
# The PDF backend embeds whichever font file it is given, whole; DejaVu Sans is about 750 KB, so the
# engine ships subsets: Basic Latin, Latin-1, Latin Extended-A (names such as Łukasz, Şahin, Dvořák),
# and the punctuation statements use (en and em dashes, curly quotes, bullet, ellipsis, £, €, minus).
# A character outside the subset is drawn as "?" by the engine (see TextCoverage).
#
# Needs pyftsubset (Debian: apt-get install -y fonttools) and the DejaVu fonts
# (Debian: fonts-dejavu-core, at /usr/share/fonts/truetype/dejavu). Run from anywhere:
#   bash reports/Ledger.Reports/Fonts/make-subset.sh
# then rebuild; commit the two .ttf files it writes beside this script. Changing the subset changes
# every generated PDF's bytes (they stay reproducible run to run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}"

if ! command -v pyftsubset >/dev/null; then
  echo "pyftsubset not found: apt-get install -y fonttools" >&2
  exit 1
fi

# U+0020-007E Basic Latin, U+00A0-00FF Latin-1 Supplement, U+0100-017F Latin Extended-A,
# U+2013 en dash, U+2014 em dash, U+2018-201F curly quotes, U+2022 bullet, U+2026 ellipsis,
# U+20AC euro, U+2212 minus sign, U+2009 thin space, U+00A0 no-break space (in Latin-1).
unicodes="U+0020-007E,U+00A0-00FF,U+0100-017F,U+2009,U+2013,U+2014,U+2018-201F,U+2022,U+2026,U+20AC,U+2212"

for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$source_dir/$face.ttf" \
    --unicodes="$unicodes" \
    --layout-features='' \
    --no-hinting \
    --desubroutinize \
    --name-IDs='0,1,2,3,4,5,6,13,14' \
    --name-languages='0x0409' \
    --drop-tables+=FFTM,GSUB,GPOS,GDEF,kern \
    --output-file="$here/$face-Subset.ttf"
  echo "$face-Subset.ttf: $(stat -c %s "$here/$face-Subset.ttf") bytes"
done
