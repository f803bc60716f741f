#!/usr/bin/env bash
# Fetches the GOV.UK Frontend npm package and copies its compiled files into wwwroot/govuk/.
# The copied files are committed, so building and running Ledger never needs node or npm;
# run this only to move to another version (and commit the result).
set -euo pipefail

version="${1:-6.6.0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/../wwwroot/govuk"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "npm is needed to fetch govuk-frontend (apt-get install npm)" >&2; exit 1; }

(cd "$work" && npm pack --silent "govuk-frontend@$version" >/dev/null)
tar -xzf "$work"/govuk-frontend-"$version".tgz -C "$work"
dist="$work/package/dist/govuk"
[ -f "$dist/govuk-frontend.min.css" ] || { echo "unexpected package layout: no dist/govuk/govuk-frontend.min.css" >&2; exit 1; }

rm -rf "$target"
mkdir -p "$target"
cp "$dist/govuk-frontend.min.css" "$dist/govuk-frontend.min.js" "$target/"
cp -R "$dist/assets" "$target/assets"
# The package ships no separate licence file: its package.json says MIT and its README carries the
# licence section (MIT for the code, Open Government Licence for the documentation). Keep both.
cp "$work/package/package.json" "$target/package.json"
cp "$work/package/README.md" "$target/README.md"
echo "$version" > "$target/VERSION.txt"
echo "govuk-frontend $version copied to $(cd "$target" && pwd)"
