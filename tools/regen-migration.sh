#!/usr/bin/env bash
# Regenerates the not-yet-released migration 0005_investment from the schema (serialised with flock so that
# concurrent runs do not collide). Released migrations are never regenerated: once 0005 has shipped, point this
# script at the next one (0006_<name>) or remove it.
set -euo pipefail
cd "$(dirname "$0")/.."
IDX=5
NAME=investment
exec 9>/tmp/zoneos-regen.lock
flock 9
rm -f apps/server/drizzle/000${IDX}_*.sql apps/server/drizzle/meta/000${IDX}_snapshot.json
node -e '
const f="apps/server/drizzle/meta/_journal.json";const j=require("./"+f);
j.entries=j.entries.filter(e=>e.idx<'"$IDX"');require("fs").writeFileSync(f,JSON.stringify(j,null,2)+"\n");'
npx drizzle-kit generate --config apps/server/drizzle.config.ts --name "$NAME"
