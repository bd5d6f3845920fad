/**
 * How deeply a JSON text nests, found by scanning its bytes before any parser or validator walks
 * it recursively: a body nested 10,000 levels deep is refused (400), not a stack overflow (issue 11).
 */

/** No body of the API nests deeper than 4 levels; 32 leaves room and stays far from any stack limit. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/** Whether `json` opens more than `max` objects or arrays inside one another (brackets in strings do not count). */
export function jsonDepthExceeds(json: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}
