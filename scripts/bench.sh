#!/usr/bin/env bash
# End-to-end transfer benchmark in Release. The real mode needs local PostgreSQL + RabbitMQ, so
# scripts/services.sh is run first.
# Usage: scripts/bench.sh embedded|real [--count N] [--accounts M] [--warmup W] [--in-flight K]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ "${1:-}" = real ] && scripts/services.sh >/dev/null

dotnet build tests/Sagas.Benchmarks/Sagas.Benchmarks.csproj -c Release -v quiet -nologo
exec dotnet tests/Sagas.Benchmarks/bin/Release/net10.0/Sagas.Benchmarks.dll "$@"
