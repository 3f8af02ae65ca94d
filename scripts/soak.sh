#!/usr/bin/env bash
# The chaos suite for longer: two orchestrators and two workers killed at random, and every 5 minutes
# RabbitMQ restarted and PostgreSQL down for 30 s, under a load that scales with the run (at half the
# CI run's rate), then the chaos test's checks.
#   scripts/soak.sh --minutes N     faults (and load) for N minutes; a summary line every 10 s
#   scripts/soak.sh --cluster       on a 3-node RabbitMQ cluster (scripts/services.sh cluster) with
#                                   quorum queues; the broker fault is its first node SIGKILLed
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=30
cluster=0
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --cluster) cluster=1; shift ;;
    *) echo "usage: $0 [--minutes N] [--cluster]" >&2; exit 2 ;;
  esac
done

scripts/services.sh >/dev/null
export SAGAS_TEST_POSTGRES="${SAGAS_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=sagas;Password=sagas;Database=sagas;SSL Mode=Disable}"
export SAGAS_TEST_RABBITMQ="${SAGAS_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}"
if [ "$cluster" = 1 ]; then
  scripts/services.sh cluster >/dev/null
  export SAGAS_CHAOS_CLUSTER=1 SAGAS_TEST_RABBITMQ_MANAGEMENT_PORT=15681
  export SAGAS_TEST_RABBITMQ='amqp://guest:guest@127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683/'
fi
export SAGAS_CHAOS_MINUTES="$minutes"
export SAGAS_CHAOS_PROGRESS="$(mktemp -t sagas-soak.XXXXXX)"
trap 'kill "$follower" 2>/dev/null; rm -f "$SAGAS_CHAOS_PROGRESS"' EXIT

tail -n +1 -f "$SAGAS_CHAOS_PROGRESS" &
follower=$!
dotnet test tests/Sagas.Tests -c Release --filter "FullyQualifiedName~Sagas.Tests.Chaos" --logger "console;verbosity=normal"
