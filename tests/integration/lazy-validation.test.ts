import { getZodConstraint } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { LOGIN_CONSTRAINT, PARTNER_REQUEST_CONSTRAINT } from "~/schemas/constraints";
import { LoginSchema, validateLogin } from "~/schemas/login";
import { RequestSchema } from "~/schemas/partner-request";
import { validateWithdraw } from "~/schemas/cohort-leave";
import { validatePartnerRequest } from "~/schemas/partner-request";
import { errorsToShow } from "~/utils/lazy-validation";

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

  it("show a field's errors once the field was left, every field's after a submit (many forms, one validator)", () => {
    const form = new FormData();
    form.set("intent", "request");
    form.set("toUserId", "x");
    form.set("message", "a".repeat(501));
    const { error } = validatePartnerRequest(form).reply();
    expect(error).toMatchObject({ message: ["validation.tooLong"], toUserId: ["validation.invalid"] });
    expect(errorsToShow(error, [])).toEqual({});
    expect(errorsToShow(error, ["message"])).toEqual({ message: ["validation.tooLong"] });
    expect(errorsToShow(error, "all")).toEqual({ message: ["validation.tooLong"], toUserId: ["validation.invalid"] });
    expect(errorsToShow({ message: null }, "all")).toEqual({});
  });
});
