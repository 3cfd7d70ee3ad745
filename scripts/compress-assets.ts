/**
 * After `react-router build`: writes a Brotli (.br, quality 11) and a gzip (.gz, level 9) copy of every
 * script and style in build/client/assets, which the server sends as they are (server/index.ts). Done once
 * per build at the highest levels, instead of on every request at the quick levels a server can afford.
 * Run by `npm run build`; the files React Router writes after Vite's own output (the route manifest) are included.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = path.resolve(process.argv[2] ?? "build/client/assets");
let count = 0;
for (const name of fs.readdirSync(dir)) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  const file = path.join(dir, name);
  const data = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  const gz = zlib.gzipSync(data, { level: 9 });
  // A file too small to gain is left plain; the server then sends it as it is.
  if (br.length < data.length) fs.writeFileSync(`${file}.br`, br);
  if (gz.length < data.length) fs.writeFileSync(`${file}.gz`, gz);
  count++;
}
console.log(`compressed ${count} assets in ${path.relative(process.cwd(), dir)}`);
