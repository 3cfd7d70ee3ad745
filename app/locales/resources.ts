/** Both languages, for the server. The browser loads only the page's language (entry.client.tsx). */
import nb from "./nb";
import en from "./en";

export const resources = {
  nb: { translation: nb },
  en: { translation: en },
};
