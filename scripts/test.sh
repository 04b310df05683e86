#!/usr/bin/env bash
# chidao's test suite, the one command the README gives.
#
# Tests run against a real Redis: the server named by CHIDAO_TEST_REDIS_URL
# when set (as .ci/run does), otherwise each test starts redis-server on a
# free loopback port. On a machine without redis-server this script installs
# it from Debian/Ubuntu packages first (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHIDAO_TEST_REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  echo "== redis-server is missing: installing it (apt-get)"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "install redis-server (apt-get install redis-server) or set CHIDAO_TEST_REDIS_URL" >&2
    exit 1
  fi
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
go test -run '^$' -fuzz '^FuzzParse$' -fuzztime "${CHIDAO_FUZZTIME:-20s}" ./knowledge

echo "== bench module (bleve baseline comparison)"
(cd bench && go test -count=1 ./...)
