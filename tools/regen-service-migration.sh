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
# Drizzle's index builder has no INCLUDE: the covering index of the service figures is appended by hand (see
# modules/cases/cases.tables.ts). Drizzle's snapshot does not know it, so later generations leave it alone.
cat >> apps/server/drizzle/0003_service.sql <<'SQL'
--> statement-breakpoint
CREATE INDEX "cases_zone_received_figures" ON "cases" USING btree ("zone_id","received_at") INCLUDE ("owner_unit_id","owner_officer_id","category","state","accepted_at","accept_due_at","replied_at","resolve_due_at","rating","reopen_count","escalated_at");
SQL
