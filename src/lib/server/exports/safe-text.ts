// Formula injection (CWE-1236): a spreadsheet takes a cell that starts with = + - @ (or a tab or
// carriage return before one) for a formula. Text that came from outside (comments, "other"
// reasons, unit, officer and survey names) is neutralised as onadata and OWASP advise: in CSV a
// leading apostrophe, which Excel hides and keeps as text; in XLSX the cell is written as a plain
// string, which Excel never evaluates (xlsx.ts never writes a formula).

const TRIGGER = /^[=+\-@\t\r]/;

export function csvSafe(text: string): string {
	return TRIGGER.test(text) ? `'${text}` : text;
}
