/** The rules of partner finding a request can break; each code is also an i18n key. */

export const PAIRING_ERRORS = [
  "notParticipant",
  "samePerson",
  "alreadyRequested",
  "alreadyPartners",
  "notFound",
  "notPending",
  "notAllowed",
  "stale",
  "bothPartnered",
  "notInPartnership",
  "physioTaken",
  "gpTaken",
  "partnershipChanged",
] as const;
export type PairingErrorCode = (typeof PAIRING_ERRORS)[number];

/** A rule was broken; `code` is also the i18n key suffix `partners.errors.<code>`. Nothing was changed. */
export class PairingError extends Error {
  constructor(public code: PairingErrorCode) {
    super(`pairing: ${code}`);
    this.name = "PairingError";
  }
}
