/**
 * Scripts and styles go out compressed ahead of time: Brotli to browsers that accept it, gzip to the
 * rest, the plain file otherwise, each kept for a year (the file names change with their content).
 */
import http from "node:http";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { baseUrl } from "../helpers/e2e";

function get(path: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(new URL(path, baseUrl()), { headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("static assets", () => {
  it("sends each script of the log-in page as Brotli, gzip or plain, the same file every time", async () => {
    const html = (await get("/login")).body.toString("utf8");
    const scripts = [...new Set([...html.matchAll(/\/assets\/[\w.-]+\.js/g)].map((m) => m[0]))];
    expect(scripts.length).toBeGreaterThan(3);
    // The entry and the framework chunk are big enough to be worth compressing.
    const largest = (
      await Promise.all(scripts.map(async (s) => ({ s, size: (await get(s)).body.length })))
    ).sort((a, b) => b.size - a.size);
    for (const { s } of largest.slice(0, 3)) {
      const plain = await get(s);
      expect(plain.status).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.headers["cache-control"]).toContain("immutable");
      expect(plain.headers["content-type"]).toMatch(/javascript/);

      const br = await get(s, "gzip, deflate, br, zstd");
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers.vary).toMatch(/Accept-Encoding/i);
      expect(br.headers["cache-control"]).toContain("immutable");
      expect(br.headers["content-type"]).toMatch(/javascript/);
      expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      // Compressed at build time with the highest setting, not on the fly (which uses quality 4).
      const quick = zlib.brotliCompressSync(plain.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
      expect(br.body.length).toBeLessThan(quick.length);

      const gz = await get(s, "gzip, deflate");
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    }
  });

  it("still compresses pages on the fly", async () => {
    const page = await get("/login", "gzip");
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(page.body).toString("utf8")).toContain("<html");
  });
});
