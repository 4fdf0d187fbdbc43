#!/usr/bin/env bash
# Regenerates the not-yet-released migration 0003_service from the schema (serialised with flock so that
# concurrent runs do not collide). Remove this script once 0003 has shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/zoneos-regen.lock
flock 9
rm -f apps/server/drizzle/0003_*.sql apps/server/drizzle/meta/0003_snapshot.json
node -e '
const f="apps/server/drizzle/meta/_journal.json";const j=require("./"+f);
j.entries=j.entries.filter(e=>e.idx<3);require("fs").writeFileSync(f,JSON.stringify(j,null,2)+"\n");'
npx drizzle-kit generate --config apps/server/drizzle.config.ts --name service
