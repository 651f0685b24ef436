/**
 * Characters that make Excel, LibreOffice or Google Sheets treat a cell as a
 * formula (OWASP's CSV injection list): = + - @, tab and carriage return, plus
 * line feed because a cell may start with a blank line.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r\n]/;
const FORMULA_TRIGGER_AFTER_LINE_BREAK = /[\r\n][=+\-@\t]/;

/** A phone number in E.164, optionally with an extension as the export writes it. */
const E164_PHONE = /^\+[1-9]\d{6,14}( ext\. \d{1,10})?$/;

/**
 * Returns the cell with a leading apostrophe when a spreadsheet would run it
 * as a formula, so that a lead cannot smuggle a formula into the recruiter's
 * spreadsheet. A phone number in E.164 keeps its "+": it is data, and ATS
 * imports expect it.
 */
export function neutralizeFormula(value: string): string {
  if (E164_PHONE.test(value)) return value;
  if (
    FORMULA_TRIGGER.test(value) ||
    FORMULA_TRIGGER_AFTER_LINE_BREAK.test(value)
  ) {
    return `'${value}`;
  }
  return value;
}

/** Byte order mark that makes Excel on Windows read the file as UTF-8. */
export const UTF8_BOM = "\uFEFF";
