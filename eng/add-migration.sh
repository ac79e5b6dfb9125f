#!/usr/bin/env bash
# Adds an EF Core migration: eng/add-migration.sh <Directory|Portfolio|Events|Analytics|gateway> <Name>
# The connection strings are placeholders: generating a migration never connects.
set -euo pipefail
target=$1 name=$2
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
if [ -d "$target" ]; then project=$target; else project=services/$target; fi
database=$(basename "$project" | tr '[:upper:]' '[:lower:]')db
export "ConnectionStrings__${database}=Host=localhost;Database=${database}"
export ConnectionStrings__cache=localhost:6379
export ConnectionStrings__messaging=amqp://guest:guest@localhost:5672
export ASPNETCORE_ENVIRONMENT=Development
dotnet ef migrations add "$name" --project "$project" --output-dir Infrastructure/Migrations
