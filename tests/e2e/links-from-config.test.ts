/**
 * Links in e-mails and feeds come from APP_URL, never from the request's Host header (which the client
 * chooses), and the production server does not start without APP_URL.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { describe, expect, it } from "vitest";
import { baseUrl, e2eDb, latestEmailTo } from "../helpers/e2e";
import { createUser } from "../helpers/factories";

/** A request with a forged Host header (fetch does not let a caller set Host). */
function forgedHostRequest(method: string, path: string, body?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      new URL(path, baseUrl()),
      {
        method,
        headers: {
          Host: "evil.example",
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("links from configuration", () => {
  it("builds the password-reset link from APP_URL even when the request names another host", async () => {
    const user = await createUser(e2eDb());
    const res = await forgedHostRequest("POST", "/forgot-password", new URLSearchParams({ email: user.email }).toString());
    expect(res.status).toBeLessThan(400);
    const mail = latestEmailTo(user.email);
    const links = mail?.textBody.match(/https?:\/\/\S+/g) ?? [];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${baseUrl()}/`)).toBe(true);
    expect(mail!.textBody + mail!.htmlBody).not.toContain("evil.example");
  });

  it("builds calendar feed links from APP_URL even when the request names another host", async () => {
    const res = await forgedHostRequest("GET", "/cohorts/trondheim-2027/calendar.ics");
    expect(res.status).toBe(200);
    expect(res.text).toContain(`${baseUrl()}/cohorts/trondheim-2027`);
    expect(res.text).not.toContain("evil.example");
  });

  it("refuses to start in production without APP_URL, saying so", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: "1", DATABASE_URL: ":memory:", LOG_LEVEL: "silent" };
    delete env.APP_URL;
    const child = spawn(process.execPath, ["build/express/index.js"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain("APP_URL må settes i produksjon");
  });
});
