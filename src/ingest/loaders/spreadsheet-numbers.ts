/** What a number in a cell stands for, by its number format: Excel's and Calc's cells show it so. */
export type CellFormat = "date" | "time" | "elapsed" | "percent" | "number";

/** The kind of a number format: Excel's built-in formats by id, custom ones by their format code. */
export function formatKind(id: number, custom: Map<number, string>): CellFormat {
  if ((id >= 14 && id <= 17) || id === 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return "date";
  if ((id >= 18 && id <= 21) || id === 45 || id === 47) return "time";
  if (id === 46) return "elapsed";
  if (id === 9 || id === 10) return "percent";
  // Codes outside quoted text and escapes decide; of the bracketed parts ([Red], [$-409]) only an elapsed
  // hour, minute or second ("[h]:mm") does.
  const code = (custom.get(id) ?? "").replace(/"[^"]*"|\\./g, "");
  if (/\[(?:h+|m+|s+)\]/i.test(code)) return "elapsed";
  const plain = code.replace(/\[[^\]]*\]/g, "");
  if (/[dy]/i.test(plain) || /m{3,}/i.test(plain)) return "date";
  if (/[hs]/i.test(plain)) return "time";
  if (plain.includes("%")) return "percent";
  return "number";
}

/** A cell's number as the sheet shows it: dates and times as such, percentages as percentages. */
export function numberText(number: number, format: CellFormat, date1904: boolean): string {
  // Excel's dates end at 9999-12-31 (day 2,958,465); a bigger number in a date cell shows as ####.
  const day = number >= 0 && number < MAX_DAY;
  if (format === "date" && day) return serialDate(number, date1904);
  if (format === "time" && day) return clockTime(number);
  if (format === "elapsed" && day) return `${Math.floor(number * 24)}:${clockTime(number).slice(3)}`;
  if (format === "percent") return `${significant(number * 100)}%`;
  return significant(number);
}

const MAX_DAY = 2_958_466;

/**
 * A number with the 15 significant digits Excel keeps: an ISBN or an account number whole, and binary floating
 * point's 0.1 + 0.2 = 0.30000000000000004 as 0.3.
 */
function significant(number: number): string {
  return String(Number(number.toPrecision(15)));
}

/**
 * Excel's day count as an ISO date, with the time when it has one. Day 1 is 1900-01-01, and Excel counts a
 * 29 February 1900 that never was (day 60), so days before it start a day later (1899-12-31); the 1904
 * date system counts from 1904-01-01.
 */
function serialDate(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : serial < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const iso = new Date(epoch + Math.round(serial * 86_400_000)).toISOString();
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
}

/** The time of day of a day fraction, "09:00", with seconds when it has them. */
function clockTime(serial: number): string {
  const time = new Date(Math.round((serial - Math.floor(serial)) * 86_400) * 1000).toISOString().slice(11, 19);
  return time.endsWith(":00") ? time.slice(0, 5) : time;
}
