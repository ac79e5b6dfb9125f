#!/usr/bin/env bash
# Adds an EF Core migration to one service: eng/add-migration.sh Directory AddInstitutions
# The connection strings are placeholders: generating a migration never connects.
set -euo pipefail
service=$1 name=$2
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
lower=$(echo "$service" | tr '[:upper:]' '[:lower:]')
export "ConnectionStrings__${lower}db=Host=localhost;Database=${lower}db"
export ConnectionStrings__cache=localhost:6379
export ConnectionStrings__messaging=amqp://guest:guest@localhost:5672
dotnet ef migrations add "$name" --project "services/$service" --output-dir Infrastructure/Migrations
