const t0 = performance.now();
const { PGlite } = await import("@electric-sql/pglite");
const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
const t1 = performance.now();
const db = new PGlite("/tmp/tmp.o8PYcXAwBR", { extensions: { pg_trgm } });
await db.waitReady;
const t2 = performance.now();
await db.query("select 1");
console.log("import", (t1 - t0).toFixed(0), "open", (t2 - t1).toFixed(0), "q", (performance.now() - t2).toFixed(0));
