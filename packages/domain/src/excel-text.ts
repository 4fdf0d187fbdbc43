/**
 * Text that starts with =, +, - or @ would be run as a formula by a spreadsheet (CSV/formula injection).
 * Such text is written with a leading apostrophe and the apostrophe is removed again on import.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** True for text a spreadsheet would run, or text that would read back as such once an apostrophe is removed. */
function needsApostrophe(text: string): boolean {
  return FORMULA_START.test(text) || (text.startsWith("'") && needsApostrophe(text.slice(1)));
}

export function toSafeSpreadsheetText(text: string): string {
  return needsApostrophe(text) ? `'${text}` : text;
}

export function fromSafeSpreadsheetText(text: string): string {
  return text.startsWith("'") && needsApostrophe(text.slice(1)) ? text.slice(1) : text;
}
