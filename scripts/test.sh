#!/usr/bin/env bash
# The project's one test command: ensure local PostgreSQL + RabbitMQ and headless Chromium, then run every test project.
# Extra arguments go to `dotnet test` (e.g. scripts/test.sh --filter FullyQualifiedName~Postgres).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/services.sh
scripts/browser.sh

export SAGAS_TEST_POSTGRES="${SAGAS_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=sagas;Password=sagas;Database=sagas;SSL Mode=Disable}"
export SAGAS_TEST_RABBITMQ="${SAGAS_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}"

log="$(mktemp -t sagas-test.XXXXXX)"
trap 'rm -f "$log"' EXIT

set +e
dotnet test Sagas.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# CI keeps only the tail of a run's output, where the hosts' logs bury a failure; repeat each failed test there.
if [ "$status" -ne 0 ] && grep -q '^  Failed ' "$log"; then
    echo
    echo "==== failed tests (the first 60 lines of each, repeated from above) ===="
    awk '/^  Failed /{show=1; n=0} /^  (Passed|Skipped) /{show=0} show && n++ < 60' "$log"
fi
exit "$status"
