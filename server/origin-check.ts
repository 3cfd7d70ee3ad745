import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that a browser says came from another site (Sec-Fetch-Site) or
 * whose Origin is not this host. Requests without either header (curl, server-to-server) carry no
 * victim's cookies and pass. This backs up SameSite=Lax cookies.
 */
export function isCrossOriginWrite(method: string, headers: { secFetchSite?: string; origin?: string; host?: string }) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const site = headers.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.origin;
  if (origin) {
    if (origin === "null") return true;
    try {
      return new URL(origin).host !== headers.host;
    } catch {
      return true;
    }
  }
  return false;
}

export function refuseCrossOriginWrites(req: Request, res: Response, next: NextFunction) {
  const forged = isCrossOriginWrite(req.method, {
    secFetchSite: req.get("sec-fetch-site"),
    origin: req.get("origin"),
    host: req.get("x-forwarded-host") && req.app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host"),
  });
  if (forged) {
    res.status(403).type("text/plain; charset=utf-8").send("Forespørselen kom fra et annet nettsted og ble avvist.");
    return;
  }
  next();
}
