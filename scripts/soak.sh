#!/usr/bin/env bash
# The chaos suite for longer: two orchestrators and two workers killed at random, RabbitMQ restarted,
# PostgreSQL down for 30 s, under a load that scales with the run, then the chaos test's checks.
#   scripts/soak.sh --minutes N     faults (and load) for N minutes; a summary line every 10 s
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=30
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    *) echo "usage: $0 [--minutes N]" >&2; exit 2 ;;
  esac
done

scripts/services.sh >/dev/null
export SAGAS_TEST_POSTGRES="${SAGAS_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=sagas;Password=sagas;Database=sagas;SSL Mode=Disable}"
export SAGAS_TEST_RABBITMQ="${SAGAS_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}"
export SAGAS_CHAOS_MINUTES="$minutes"
export SAGAS_CHAOS_PROGRESS="$(mktemp -t sagas-soak.XXXXXX)"
trap 'kill "$follower" 2>/dev/null; rm -f "$SAGAS_CHAOS_PROGRESS"' EXIT

tail -n +1 -f "$SAGAS_CHAOS_PROGRESS" &
follower=$!
dotnet test tests/Sagas.Tests -c Release --filter "FullyQualifiedName~Sagas.Tests.Chaos" --logger "console;verbosity=normal"
