// After `vite build`: writes .gz and .br beside every text asset of apps/web/dist, once, so the server sends
// pre-compressed files (@fastify/static preCompressed) instead of compressing on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../apps/web/dist");
let files = 0;
let raw = 0;
let gz = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (/\.(js|css|html|svg|json|txt|map)$/.test(entry.name) && statSync(p).size > 1024) {
      const body = readFileSync(p);
      const g = gzipSync(body, { level: 9 });
      writeFileSync(`${p}.gz`, g);
      writeFileSync(
        `${p}.br`,
        brotliCompressSync(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }),
      );
      files++;
      raw += body.length;
      gz += g.length;
    }
  }
}
walk(dist);
console.log(`pre-compressed ${files} files: ${(raw / 1024).toFixed(0)} KB → ${(gz / 1024).toFixed(0)} KB gzip`);
