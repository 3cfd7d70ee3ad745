import { getZodConstraint } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { LOGIN_CONSTRAINT, PARTNER_REQUEST_CONSTRAINT } from "~/schemas/constraints";
import { LoginSchema, validateLogin } from "~/schemas/login";
import { RequestSchema } from "~/schemas/partner-request";
import { validateWithdraw } from "~/schemas/cohort-leave";

describe("forms whose schema the browser loads lazily", () => {
  it("render the same required attributes as getZodConstraint(schema)", () => {
    expect(LOGIN_CONSTRAINT).toEqual(getZodConstraint(LoginSchema));
    expect(PARTNER_REQUEST_CONSTRAINT).toEqual(getZodConstraint(RequestSchema));
  });

  it("validate with the same i18n keys on the server and in the browser", () => {
    const empty = new FormData();
    expect(validateLogin(empty).reply().error).toMatchObject({ email: ["validation.required"], password: ["validation.required"] });
    const withdraw = new FormData();
    withdraw.set("intent", "withdraw");
    withdraw.set("reason", "  ");
    expect(validateWithdraw(withdraw).reply().error).toMatchObject({ reason: ["registration.errors.reasonRequired"] });
  });
});
