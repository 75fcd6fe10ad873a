#!/usr/bin/env bash
# Runs every Frugal test on a fresh machine that has the .NET 10 SDK and Node.js:
# installs the services the tests need (Azurite, from npm), starts them on loopback, runs the suite, stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v node >/dev/null 2>&1; then
  echo "test.sh: Node.js (with npm) is needed for Azurite; install it (Debian: apt-get install nodejs npm)" >&2
  exit 2
fi

# shellcheck checks infra/gcp/setup.sh; Debian ships it. Without it that one test is skipped with its reason.
if ! command -v shellcheck >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "==> installing shellcheck (apt)"
  (apt-get install -y -qq shellcheck >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq shellcheck >/dev/null 2>&1; }) \
    || echo "test.sh: shellcheck could not be installed; its test will be skipped"
fi

echo "==> installing Azurite (tests/tools)"
npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error

azurite_dir=$(mktemp -d -t frugal-azurite-XXXXXX)
blob_port=${FRUGAL_AZURITE_BLOB_PORT:-10000}
queue_port=${FRUGAL_AZURITE_QUEUE_PORT:-10001}
table_port=${FRUGAL_AZURITE_TABLE_PORT:-10002}

echo "==> starting Azurite on 127.0.0.1:${blob_port}/${queue_port}/${table_port}"
tests/tools/node_modules/.bin/azurite --silent --location "$azurite_dir" \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" \
  --skipApiVersionCheck --loose >"$azurite_dir/azurite.log" 2>&1 &
azurite_pid=$!
cleanup() {
  kill "$azurite_pid" 2>/dev/null || true
  wait "$azurite_pid" 2>/dev/null || true
  rm -rf "$azurite_dir"
}
trap cleanup EXIT

for port in "$blob_port" "$queue_port" "$table_port"; do
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    if ! kill -0 "$azurite_pid" 2>/dev/null; then
      echo "test.sh: Azurite exited early:" >&2; cat "$azurite_dir/azurite.log" >&2; exit 1
    fi
    sleep 0.2
  done
done

account="devstoreaccount1"
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export FRUGAL_TEST_AZURITE="DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${key};BlobEndpoint=http://127.0.0.1:${blob_port}/${account};QueueEndpoint=http://127.0.0.1:${queue_port}/${account};TableEndpoint=http://127.0.0.1:${table_port}/${account};"

echo "==> building"
dotnet build Serverless.sln -c Release --nologo -v quiet

echo "==> testing"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$root/artifacts"
set +e
# One test assembly at a time: several share Azurite, and the worker's shutdown tests time real work.
dotnet test Serverless.sln -c Release --no-build --nologo -m:1 \
  --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$root/artifacts/test-output.log"
status=${PIPESTATUS[0]}
set -e

# One closing line over every test assembly, in the plain 'N passed, N failed' form.
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { f += $2; p += $4; s += $6 }
  END { printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }' "$root/artifacts/test-output.log"
exit "$status"
