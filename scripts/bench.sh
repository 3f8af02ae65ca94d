#!/usr/bin/env bash
# End-to-end transfer benchmark in Release. The real mode needs local PostgreSQL + RabbitMQ, so
# scripts/services.sh is run first.
# Usage: scripts/bench.sh embedded|real [--count N | --rate R --seconds T] [--accounts M] [--warmup W] [--in-flight K]
#        [--one-process (real only)] [--preload P (real only)] [--hold H (real, worker process)] [--profile]
# Sagas__* environment variables (e.g. Sagas__ConcurrentMessageLimit=32) reach the orchestrator and the worker.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ "${1:-}" = real ] && scripts/services.sh >/dev/null

# Build output only matters when the build fails.
build=$(dotnet build tests/Sagas.Benchmarks/Sagas.Benchmarks.csproj -c Release -nologo 2>&1) || { echo "$build"; exit 1; }
exec dotnet tests/Sagas.Benchmarks/bin/Release/net10.0/Sagas.Benchmarks.dll "$@"
