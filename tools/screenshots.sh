#!/usr/bin/env bash
# The window's screenshots for the README: the acceptance walk (tests/ui/test_ui_acceptance.py)
# at 1024x700 and 1366x768, light and dark, each step saved, then the ones the README shows
# copied to docs/screenshots/walk/. Run from the project folder: tools/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shots="$(mktemp -d)"
SCRCHRON_SCREENSHOTS="$shots" QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -p no:cacheprovider \
    tests/ui/test_ui_acceptance.py
mkdir -p docs/screenshots/walk
rm -f docs/screenshots/walk/*.png
for look in 1024x700-light 1024x700-dark 1366x768-light 1366x768-dark; do
    for step in 01-new-review 02-import-0 05-import-3 07-chronology 08-same-event 09-action-plan; do
        cp "$shots/$look-$step.png" "docs/screenshots/walk/$look-$step.png"
    done
done
rm -rf "$shots"
echo "docs/screenshots/walk: $(ls docs/screenshots/walk | wc -l) screenshots"
