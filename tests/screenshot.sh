#!/bin/sh
# make screenshots: render a statement of the sample month in headless
# Chromium (Debian package chromium) and save it as docs/statement.png.
set -eu
html=examples/out/statements/mila-kone.html
[ -s "$html" ] || sh examples/month-end.sh >/dev/null
if ! command -v chromium >/dev/null 2>&1; then
	echo "screenshots: chromium is not installed (apt-get install chromium)" >&2
	exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --hide-scrollbars --window-size=900,540 \
	--screenshot="$(pwd)/docs/statement.png" "file://$(pwd)/$html" 2>/dev/null
test -s docs/statement.png
echo "docs/statement.png"
