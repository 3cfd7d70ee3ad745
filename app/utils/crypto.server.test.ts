import { describe, expect, it } from "vitest";
import { generateToken, hashToken } from "./crypto.server";

describe("hashToken", () => {
  it("is the lower-case hex SHA-256 of the token's UTF-8 bytes (the form stored for existing sessions)", () => {
    // FIPS 180-2 test vector, and a token with a non-ASCII character.
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("æ")).toBe("889be819e24eaa58cd98ff071bc5aa9d9d6b3fea8d62c6cd43778c7370d2bf60");
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(generateToken()));
  });
});
