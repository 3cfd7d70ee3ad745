/** Value lists of the offers in the network that the browser needs too (kept out of db/schema.ts, as db/enums.ts). */
export const OFFER_CONTACT_CHANNELS = ["dialogmelding", "phone", "email"] as const;
export type OfferContactChannel = (typeof OFFER_CONTACT_CHANNELS)[number];
