/**
 * Python's `datetime.strftime` for the C/POSIX locale (as transformers' `strftime_now` runs on
 * Linux), including glibc's `%-d`-style flags that chat templates use.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, width: number, flag: string, fill = '0'): string {
  if (flag === '-') return String(n);
  return String(n).padStart(width, flag === '_' ? ' ' : fill);
}

function dayOfYear(d: Date): number {
  const start = Date.UTC(d.getFullYear(), 0, 1);
  const now = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.floor((now - start) / 86400000) + 1;
}

function weekNumber(d: Date, firstDay: 0 | 1): number {
  const yday = dayOfYear(d) - 1;
  const wday = (d.getDay() + 7 - firstDay) % 7;
  return Math.floor((yday + 7 - wday) / 7);
}

/**
 * Format a local-time Date like Python's strftime.
 * @example strftime(new Date(2026, 0, 2), '%d %B %Y') // '02 January 2026'
 */
export function strftime(d: Date, format: string): string {
  return format.replace(/%([-_0^#]?)([a-zA-Z%])/g, (whole, flag: string, c: string) => {
    const h12 = d.getHours() % 12 || 12;
    switch (c) {
      case 'a': return DAYS[d.getDay()]!.slice(0, 3);
      case 'A': return DAYS[d.getDay()]!;
      case 'b': case 'h': return MONTHS[d.getMonth()]!.slice(0, 3);
      case 'B': return MONTHS[d.getMonth()]!;
      case 'd': return pad(d.getDate(), 2, flag);
      case 'e': return pad(d.getDate(), 2, flag || '_');
      case 'H': return pad(d.getHours(), 2, flag);
      case 'I': return pad(h12, 2, flag);
      case 'j': return pad(dayOfYear(d), 3, flag);
      case 'm': return pad(d.getMonth() + 1, 2, flag);
      case 'M': return pad(d.getMinutes(), 2, flag);
      case 'p': return d.getHours() < 12 ? 'AM' : 'PM';
      case 'S': return pad(d.getSeconds(), 2, flag);
      case 'f': return String(d.getMilliseconds() * 1000).padStart(6, '0');
      case 'U': return pad(weekNumber(d, 0), 2, flag);
      case 'W': return pad(weekNumber(d, 1), 2, flag);
      case 'w': return String(d.getDay());
      case 'u': return String(d.getDay() || 7);
      case 'y': return pad(d.getFullYear() % 100, 2, flag);
      case 'Y': return String(d.getFullYear());
      case 'C': return pad(Math.floor(d.getFullYear() / 100), 2, flag);
      case 'c': return `${strftime(d, '%a %b %e %H:%M:%S %Y')}`;
      case 'x': return strftime(d, '%m/%d/%y');
      case 'X': return strftime(d, '%H:%M:%S');
      case 'D': return strftime(d, '%m/%d/%y');
      case 'F': return strftime(d, '%Y-%m-%d');
      case 'T': return strftime(d, '%H:%M:%S');
      case 'R': return strftime(d, '%H:%M');
      case 'n': return '\n';
      case 't': return '\t';
      case 'z': {
        const off = -d.getTimezoneOffset();
        const sign = off < 0 ? '-' : '+';
        const a = Math.abs(off);
        return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
      }
      case 'Z': return '';
      case '%': return '%';
      default: return whole;
    }
  });
}
