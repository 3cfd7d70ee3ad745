/**
 * A phone's first visit: every participant page in Chromium with an empty cache, Slow 4G (1.6 Mbit/s
 * down, 750 kbit/s up, 150 ms round trip) and a 4× slower CPU. Measures Largest Contentful Paint and
 * the JavaScript transferred (script bodies on the wire, as compressed by the server).
 */
import { chromium } from "playwright-core";

export type PhonePage = { name: string; path: string; loggedIn: boolean };

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

export async function phoneFirstVisit(opts: { base: string; pages: PhonePage[]; cookie: string }) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  const [name, value] = [opts.cookie.slice(0, opts.cookie.indexOf("=")), opts.cookie.slice(opts.cookie.indexOf("=") + 1)];
  const results: { name: string; path: string; status: number | null; lcpMs: number | null; jsKb: number; error?: string }[] = [];
  try {
    for (const p of opts.pages) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "nb-NO" });
      if (p.loggedIn) await context.addCookies([{ name, value, url: opts.base, httpOnly: true, sameSite: "Lax" }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      // Bytes on the wire of each script's body: all bytes received less those of the response headers.
      const headerBytes = new Map<string, number>();
      let jsBytes = 0;
      cdp.on("Network.responseReceived", (e) => {
        if (e.type === "Script" || /javascript/.test(e.response.mimeType)) headerBytes.set(e.requestId, e.response.encodedDataLength);
      });
      cdp.on("Network.loadingFinished", (e) => {
        const headers = headerBytes.get(e.requestId);
        if (headers !== undefined) jsBytes += e.encodedDataLength - headers;
      });
      await page.addInitScript(() => {
        const w = window as unknown as { __lcp: number | null };
        w.__lcp = null;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__lcp = entry.startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
      });
      try {
        const res = await page.goto(opts.base + p.path, { waitUntil: "load", timeout: 60_000 });
        await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});
        const lcp = await page.evaluate(() => (window as unknown as { __lcp: number | null }).__lcp);
        results.push({ name: p.name, path: p.path, status: res?.status() ?? null, lcpMs: lcp, jsKb: jsBytes / 1024 });
      } catch (error) {
        results.push({ name: p.name, path: p.path, status: null, lcpMs: null, jsKb: jsBytes / 1024, error: String(error) });
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const lcps = results.map((r) => r.lcpMs);
  return {
    pages: results,
    worstLcpMs: lcps.some((l) => l === null) ? null : Math.max(...(lcps as number[])),
    worstJsKb: Math.max(0, ...results.map((r) => r.jsKb)),
    errors: results.filter((r) => r.status !== 200 || r.error).length,
  };
}
