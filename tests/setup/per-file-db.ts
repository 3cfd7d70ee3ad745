/** Points DATABASE_URL at a fresh copy of the migrated template for this test file. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, inject, vi } from "vitest";
import { closeDb } from "../../db/client";

const file = path.join(os.tmpdir(), `knutepunkt-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
fs.copyFileSync(inject("templateDb"), file);
process.env.DATABASE_URL = file;
process.env.LOG_LEVEL ??= "silent";
process.env.COOKIE_SECURE ??= "true";

// An unexpected console.error is a failing test (as in the Epic Stack).
const consoleError = vi.spyOn(console, "error");
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c) => c.join(" ")).join("\n")}`);
});

afterAll(() => {
  closeDb();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
