/** Starts the production build on a free port with a fresh, seeded database for the browser tests. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function startAppServer(env: Record<string, string> = {}, options: { dbPath?: string; port?: number } = {}) {
  if (!fs.existsSync("build/server/index.js") || !fs.existsSync("build/express/index.js")) {
    throw new Error("Run `npm run build` before the browser tests.");
  }
  const dir = options.dbPath ? path.dirname(options.dbPath) : fs.mkdtempSync(path.join(os.tmpdir(), "knutepunkt-e2e-"));
  const dbPath = options.dbPath ?? path.join(dir, "e2e.db");
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, ["build/express/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: dbPath,
      APP_URL: `http://localhost:${port}`,
      LOG_LEVEL: process.env.E2E_SERVER_LOGS ? "info" : "silent",
      DISABLE_SCHEDULER: "true",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error("The app server did not start within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dbPath,
    port,
    child,
    dir,
    async stop({ keepFiles = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      if (!keepFiles) fs.rmSync(dir, { recursive: true, force: true });
    },
    /** Simulates a crash: no shutdown, no checkpoint. */
    async kill() {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

export default async function setup(project: TestProject) {
  const server = await startAppServer();
  project.provide("baseUrl", server.baseUrl);
  project.provide("dbPath", server.dbPath);
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dbPath: string;
  }
}
