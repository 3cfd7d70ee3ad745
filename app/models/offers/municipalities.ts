/**
 * Municipality names for the offers search: one key per name whatever the case typed, and the
 * neighbouring municipalities of the demo region (the same map the partner suggestions rank by).
 */
import { TRONDELAG_NEIGHBOURS, type NeighbourMap } from "../pairing/suggestions";

/** The key a municipality is stored and searched by: trimmed, single spaces, lower case (Æ/Ø/Å too). */
export function municipalityKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("nb");
}

/** A key as a name to show ("indre fosen" → "Indre Fosen"), for municipalities known only by their key. */
export function municipalityName(key: string): string {
  return key.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toLocaleUpperCase("nb"));
}

/** The municipality and, when asked, its neighbours, as keys. */
export function searchKeys(name: string, withNeighbours: boolean, neighbours: NeighbourMap = TRONDELAG_NEIGHBOURS): string[] {
  const key = municipalityKey(name);
  if (!key) return [];
  return withNeighbours ? [key, ...[...(neighbours.get(key) ?? [])].sort()] : [key];
}

/** The municipalities of the neighbour map, to choose from even where no offer is listed yet. */
export function regionMunicipalityKeys(neighbours: NeighbourMap = TRONDELAG_NEIGHBOURS): string[] {
  return [...neighbours.keys()];
}
