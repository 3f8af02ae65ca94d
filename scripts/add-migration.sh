#!/usr/bin/env bash
# Adds an EF Core migration for every durable DbContext, on both providers, with `dotnet ef`
# (pinned in .config/dotnet-tools.json). A context whose model did not change gets an empty one.
#   scripts/add-migration.sh <Name> [Durability|ActivityWorkers|Orchestrator ...]
# Naming projects adds only theirs (a new workflow's table is the orchestrator's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

name="${1:?usage: $0 <MigrationName> [Durability|ActivityWorkers|Orchestrator ...]}"
shift
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(Durability ActivityWorkers Orchestrator)

dotnet tool restore >/dev/null
# The orchestrator is every migration's startup project; building it builds the other two.
dotnet build src/Orchestrator --nologo -v q >/dev/null

for project in "${projects[@]}"; do
  case "$project" in
    Durability) context=Durability ;;
    ActivityWorkers) context=Ledger ;;
    Orchestrator) context=Sagas ;;
    *) echo "unknown project: $project (Durability, ActivityWorkers or Orchestrator)" >&2; exit 2 ;;
  esac
  for provider in Sqlite Postgres; do
    dotnet ef migrations add "$name" --no-build \
      --project "src/$project" --startup-project src/Orchestrator \
      --context "${provider}${context}DbContext" --output-dir "Migrations/$provider" >/dev/null
    echo "${provider}${context}DbContext: src/$project/Migrations/$provider/*_$name.cs"
  done
done
