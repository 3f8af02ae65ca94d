#!/usr/bin/env bash
# The project's one test command: ensure local PostgreSQL + RabbitMQ and headless Chromium, then run every test project.
# Extra arguments go to `dotnet test` (e.g. scripts/test.sh --filter FullyQualifiedName~Postgres).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/services.sh
scripts/browser.sh

export SAGAS_TEST_POSTGRES="${SAGAS_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=sagas;Password=sagas;Database=sagas;SSL Mode=Disable}"
export SAGAS_TEST_RABBITMQ="${SAGAS_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:5672/}"

exec dotnet test Sagas.sln -c Release --logger "console;verbosity=normal" "$@"
