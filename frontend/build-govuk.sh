#!/usr/bin/env bash
# Rebuild the vendored GOV.UK Frontend files in frontend/static/frontend/.
# Build-time only: the output is committed, so the running site never needs npm.
set -euo pipefail

cd "$(dirname "$0")"

if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

GOVUK=node_modules/govuk-frontend/dist/govuk
OUT=static/frontend
VENDOR=$OUT/govuk

mkdir -p "$VENDOR/assets/images"

# Compile our stylesheet (GOV.UK Frontend + project rules), compressed.
npx --no-install sass \
  --style=compressed --no-source-map \
  --load-path=node_modules \
  --quiet-deps --silence-deprecation=import \
  scss/app.scss "$OUT/app.css"

# JavaScript: the ES module bundle.
cp "$GOVUK/govuk-frontend.min.js" "$VENDOR/govuk-frontend.min.js"

# Assets: images only, no fonts (GDS Transport is only for GOV.UK services).
rm -rf "$VENDOR/assets/images"
mkdir -p "$VENDOR/assets/images"
cp "$GOVUK"/assets/images/* "$VENDOR/assets/images/"

version=$(node -p "require('./node_modules/govuk-frontend/package.json').version")
echo "Built GOV.UK Frontend $version into $OUT/"
echo "app.css: $(wc -c < "$OUT/app.css") bytes, $(gzip -9 -c "$OUT/app.css" | wc -c) gzipped"
echo "govuk-frontend.min.js: $(wc -c < "$VENDOR/govuk-frontend.min.js") bytes, $(gzip -9 -c "$VENDOR/govuk-frontend.min.js" | wc -c) gzipped"
