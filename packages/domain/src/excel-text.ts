/**
 * Text that starts with =, +, - or @ would be run as a formula by a spreadsheet (CSV/formula injection).
 * Such text is written with a leading apostrophe and the apostrophe is removed again on import.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function toSafeSpreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function fromSafeSpreadsheetText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
