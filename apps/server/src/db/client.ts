import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { MIGRATIONS_DIR } from "../platform/paths.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** One database type over PGlite (embedded) and node-postgres (a PostgreSQL server). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction on it: what queries take. */
export type Conn = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs plain SQL text and returns its rows (benchmarks and tests compare with this). */
  rawQuery<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * The embedded database lives in the server's own memory, which WebAssembly never gives back: keep PostgreSQL's
 * buffers small (a zone's data stays in the operating system's file cache anyway) so the server stays well under
 * 500 MB. Measured by bench/import.bench.ts.
 */
const PGLITE_SETTINGS = [
  "shared_buffers = 32MB",
  "maintenance_work_mem = 16MB",
  "work_mem = 4MB",
  "wal_buffers = 1MB",
  "temp_buffers = 4MB",
];

const migrationsFolder = MIGRATIONS_DIR;

/**
 * Opens the database: PostgreSQL when `url` is given, otherwise PGlite in `dataDir`
 * (or in memory when `dataDir` is "memory://"). Applies the committed migrations.
 */
export async function openDatabase(opts: { url?: string; dataDir?: string }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const client = await pool.connect();
    try {
      // Several instances may start together: one migrates at a time.
      await client.query("select pg_advisory_lock(727100001)");
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      await client.query("select pg_advisory_unlock(727100001)");
    } finally {
      client.release();
    }
    return {
      db,
      kind: "postgres",
      rawQuery: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      close: () => pool.end(),
    };
  }
  const client = new PGlite(opts.dataDir ?? "memory://", { extensions: { pg_trgm }, postgresqlconf: PGLITE_SETTINGS });
  await client.waitReady;
  const pdb = drizzlePglite(client, { schema });
  await migratePglite(pdb, { migrationsFolder });
  return {
    db: pdb as unknown as Db,
    kind: "pglite",
    rawQuery: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
    close: () => client.close(),
  };
}
