import { getZodConstraint } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import {
  AGREEMENT_CONSTRAINT,
  CHANGE_PASSWORD_CONSTRAINT,
  CHECKIN_CONSTRAINT,
  DELETE_ACCOUNT_CONSTRAINT,
  FORGOT_PASSWORD_CONSTRAINT,
  LOGIN_CONSTRAINT,
  PARTNER_REQUEST_CONSTRAINT,
  PROFILE_CONSTRAINT,
  RESET_PASSWORD_CONSTRAINT,
  SIGNUP_CONSTRAINT,
} from "~/schemas/constraints";
import { ChangePasswordSchema, DeleteSchema, ForgotSchema, ResetSchema, validateChangePassword } from "~/schemas/account";
import { SaveSchema, validateAgreement } from "~/schemas/agreement";
import { CheckinSchema, validateCheckin } from "~/schemas/checkin";
import { ProfileSchema } from "~/schemas/profile";
import { SignupSchema, validateSignup } from "~/schemas/signup";
import { answerValidator } from "~/schemas/survey-answer";
import { LoginSchema, validateLogin } from "~/schemas/login";
import { RequestSchema } from "~/schemas/partner-request";
import { validateWithdraw } from "~/schemas/cohort-leave";
import { validatePartnerRequest } from "~/schemas/partner-request";
import { errorsToShow } from "~/utils/lazy-validation";

describe("forms whose schema the browser loads lazily", () => {
  it("render the same required attributes as getZodConstraint(schema)", () => {
    expect(LOGIN_CONSTRAINT).toEqual(getZodConstraint(LoginSchema));
    expect(PARTNER_REQUEST_CONSTRAINT).toEqual(getZodConstraint(RequestSchema));
    expect(SIGNUP_CONSTRAINT).toEqual(getZodConstraint(SignupSchema));
    expect(CHECKIN_CONSTRAINT).toEqual(getZodConstraint(CheckinSchema));
    expect(PROFILE_CONSTRAINT).toEqual(getZodConstraint(ProfileSchema));
    expect(AGREEMENT_CONSTRAINT).toEqual(getZodConstraint(SaveSchema));
    expect(CHANGE_PASSWORD_CONSTRAINT).toEqual(getZodConstraint(ChangePasswordSchema));
    expect(RESET_PASSWORD_CONSTRAINT).toEqual(getZodConstraint(ResetSchema));
    expect(FORGOT_PASSWORD_CONSTRAINT).toEqual(getZodConstraint(ForgotSchema));
    expect(DELETE_ACCOUNT_CONSTRAINT).toEqual(getZodConstraint(DeleteSchema));
  });

  it("validate with the same i18n keys on the server and in the browser", () => {
    const empty = new FormData();
    expect(validateLogin(empty).reply().error).toMatchObject({ email: ["validation.required"], password: ["validation.required"] });
    const withdraw = new FormData();
    withdraw.set("intent", "withdraw");
    withdraw.set("reason", "  ");
    expect(validateWithdraw(withdraw).reply().error).toMatchObject({ reason: ["registration.errors.reasonRequired"] });
    const signup = new FormData();
    signup.set("email", "ikke-en-adresse");
    signup.set("password", "kort");
    signup.set("confirmPassword", "annet");
    expect(validateSignup(signup).reply().error).toMatchObject({ email: ["validation.email"], password: ["auth.signup.passwordTooShort"] });
    expect(validateCheckin(empty).reply().error).toMatchObject({ code: ["attendance.checkin.errors.required"] });
    const password = new FormData();
    password.set("currentPassword", "gammelt-passord");
    password.set("password", "nytt-passord-1");
    password.set("confirmPassword", "nytt-passord-2");
    expect(validateChangePassword(password).reply().error).toMatchObject({ confirmPassword: ["auth.signup.passwordMismatch"] });
    const agreement = new FormData();
    agreement.set("intent", "save");
    expect(validateAgreement(agreement).reply().error).toMatchObject({ meetingFormat: ["partners.agreement.errors.meetingFormat"] });
    const answers = answerValidator([{ id: 7, kind: "text", required: true, options: null }]);
    expect(answers(empty).reply().error).toMatchObject({ q7: ["surveys.errors.required"] });
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
