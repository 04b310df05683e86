#!/usr/bin/env bash
# chidao's test suite, the one command the README gives.
#
# Tests run against a real Redis: the server named by CHIDAO_TEST_REDIS_URL
# when set (as .ci/run does), otherwise each test starts redis-server on a
# free loopback port. The reading tests run the real engines (pdftotext,
# Tesseract, LibreOffice) on real scans. On a machine without them this
# script installs them from Debian/Ubuntu packages first (as root, or
# through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need from Debian: Redis (unless CHIDAO_TEST_REDIS_URL names
# one), poppler's PDF tools, Tesseract with its Vietnamese model, and
# LibreOffice for .doc files.
need=()
if [ -z "${CHIDAO_TEST_REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then need+=(redis-server); fi
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx vie || need+=(tesseract-ocr-vie)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} (apt-get)"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "install ${need[*]} (apt-get install ${need[*]}) or set CHIDAO_TEST_REDIS_URL" >&2
    exit 1
  fi
fi

echo "== repository"
# Nothing built is committed: a tracked file over 1 MB must be a test
# fixture (under a testdata folder), and go.mod/go.sum must be tidy.
big=$(git ls-files -z 2>/dev/null | xargs -0 -r stat -c '%s %n' 2>/dev/null \
  | awk '$1 > 1048576 && $2 !~ /(^|\/)testdata\// {print $2}')
if [ -n "$big" ]; then
  echo "tracked files over 1 MB that are not test fixtures:" >&2
  echo "$big" >&2
  exit 1
fi
if ! tidy=$(go mod tidy -diff 2>&1); then
  echo "$tidy" >&2
  echo "go.mod/go.sum are not tidy: run go mod tidy" >&2
  exit 1
fi

echo "== go vet"
go vet ./...

echo "== go test"
# The end-to-end package measures send rates against a fake Telegram that
# enforces its limits; it runs on its own so other packages' tests do not
# starve it of CPU.
go test -count=1 -timeout 20m $(go list ./... | grep -v '/cmd/chidao$')
go test -count=1 -timeout 20m ./cmd/chidao

echo "== fuzz the directive parser (fixed time)"
# Go's fuzz coordinator can report "context deadline exceeded" when a
# duration -fuzztime ends while a worker is mid-input (golang/go#75804): no
# input failed, none is written. A real failure always writes its input to
# testdata/fuzz/FuzzParse, so that is what fails this step.
corpus=knowledge/testdata/fuzz/FuzzParse
# The corpus directory exists only once fuzzing has found something, so a
# missing one lists as empty (ls would fail the pipeline under pipefail).
listing() { if [ -d "$corpus" ]; then ls "$corpus" | sort; fi; }
before=$(listing)
set +e
fuzzlog=$(go test -run '^$' -fuzz '^FuzzParse$' -fuzztime "${CHIDAO_FUZZTIME:-20s}" ./knowledge 2>&1)
status=$?
set -e
echo "$fuzzlog" | tail -n 5
if [ "$status" -ne 0 ]; then
  after=$(listing)
  if [ "$before" != "$after" ] || ! echo "$fuzzlog" | grep -q 'context deadline exceeded'; then
    echo "$fuzzlog"
    echo "fuzzing found a failing input (see $corpus)" >&2
    exit 1
  fi
  echo "(the fuzz coordinator's end-of-time race, golang/go#75804: no failing input; not a failure)"
fi

echo "== bench module (bleve baseline comparison)"
(cd bench && go test -count=1 ./...)
