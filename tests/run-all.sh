#!/usr/bin/env bash
# Every test of the project: Python (trainer, reader, exporter), types and lint, Vitest unit + model parity, then the
# end-to-end tests in Chromium against a fresh build. Stops at the first failing suite.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Python tests (models/)"
/usr/bin/python3 -m pytest -q models/tests
echo "== TypeScript check"
npx tsc --noEmit
echo "== Lint: typescript-eslint, knip (unused files, exports, dependencies), Prettier"
npm run --silent lint
echo "== Vitest: unit and model parity"
npx vitest run --project unit --project model
echo "== Build + end-to-end in Chromium"
npx wxt build
npx vitest run --project e2e
