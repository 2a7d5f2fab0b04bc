/**
 * Wall-clock times with a TZID → UTC instants, without a clock and without the host's zone.
 *
 * Exchange and Outlook write Windows zone names (`W. Europe Standard Time`) or display names
 * (`"Canberra, Melbourne, Sydney"`) as TZIDs; they are mapped to IANA via the common entries
 * of CLDR's windowsZones table (territory 001). IANA conversion uses `Intl`.
 */

// CLDR windowsZones.xml, "001" rows for the zones people actually meet in.
const WINDOWS_TO_IANA: Record<string, string> = {
  'Dateline Standard Time': 'Etc/GMT+12',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Pacific Standard Time (Mexico)': 'America/Tijuana',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time': 'America/Denver',
  'Central America Standard Time': 'America/Guatemala',
  'Central Standard Time': 'America/Chicago',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Canada Central Standard Time': 'America/Regina',
  'SA Pacific Standard Time': 'America/Bogota',
  'Eastern Standard Time': 'America/New_York',
  'US Eastern Standard Time': 'America/Indianapolis',
  'Venezuela Standard Time': 'America/Caracas',
  'Atlantic Standard Time': 'America/Halifax',
  'SA Western Standard Time': 'America/La_Paz',
  'Pacific SA Standard Time': 'America/Santiago',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'SA Eastern Standard Time': 'America/Cayenne',
  'Greenland Standard Time': 'America/Godthab',
  'UTC-02': 'Etc/GMT+2',
  'Azores Standard Time': 'Atlantic/Azores',
  'Cape Verde Standard Time': 'Atlantic/Cape_Verde',
  UTC: 'Etc/UTC',
  'Coordinated Universal Time': 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'GTB Standard Time': 'Europe/Bucharest',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Egypt Standard Time': 'Africa/Cairo',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Israel Standard Time': 'Asia/Jerusalem',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Jordan Standard Time': 'Asia/Amman',
  'Arabic Standard Time': 'Asia/Baghdad',
  'Arab Standard Time': 'Asia/Riyadh',
  'Russian Standard Time': 'Europe/Moscow',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'Iran Standard Time': 'Asia/Tehran',
  'Arabian Standard Time': 'Asia/Dubai',
  'Afghanistan Standard Time': 'Asia/Kabul',
  'Pakistan Standard Time': 'Asia/Karachi',
  'West Asia Standard Time': 'Asia/Tashkent',
  'India Standard Time': 'Asia/Calcutta',
  'Sri Lanka Standard Time': 'Asia/Colombo',
  'Nepal Standard Time': 'Asia/Katmandu',
  'Central Asia Standard Time': 'Asia/Almaty',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'Myanmar Standard Time': 'Asia/Rangoon',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Taipei Standard Time': 'Asia/Taipei',
  'W. Australia Standard Time': 'Australia/Perth',
  'Korea Standard Time': 'Asia/Seoul',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Cen. Australia Standard Time': 'Australia/Adelaide',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'Tasmania Standard Time': 'Australia/Hobart',
  'West Pacific Standard Time': 'Pacific/Port_Moresby',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'Tonga Standard Time': 'Pacific/Tongatapu',
};

// Outlook 2007 and older write the zone's display name instead of its key.
const DISPLAY_NAMES: Array<[RegExp, string]> = [
  [/amsterdam, berlin, bern, rome, stockholm, vienna/i, 'Europe/Berlin'],
  [/brussels, copenhagen, madrid, paris/i, 'Europe/Paris'],
  [/belgrade, bratislava, budapest, ljubljana, prague/i, 'Europe/Budapest'],
  [/sarajevo, skopje, warsaw, zagreb/i, 'Europe/Warsaw'],
  [/dublin, edinburgh, lisbon, london/i, 'Europe/London'],
  [/athens, bucharest/i, 'Europe/Bucharest'],
  [/helsinki, kyiv|helsinki, kiev/i, 'Europe/Kiev'],
  [/canberra, melbourne, sydney/i, 'Australia/Sydney'],
  [/pacific time \(us (&|and) canada\)/i, 'America/Los_Angeles'],
  [/mountain time \(us (&|and) canada\)/i, 'America/Denver'],
  [/central time \(us (&|and) canada\)/i, 'America/Chicago'],
  [/eastern time \(us (&|and) canada\)/i, 'America/New_York'],
  [/chennai, kolkata, mumbai, new delhi/i, 'Asia/Calcutta'],
  [/osaka, sapporo, tokyo/i, 'Asia/Tokyo'],
  [/beijing, chongqing, hong kong, urumqi/i, 'Asia/Shanghai'],
];

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    try {
      formatters.set(
        zone,
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        }),
      );
    } catch {
      formatters.set(zone, null);
    }
  }
  return formatters.get(zone) ?? null;
}

/** The IANA zone a TZID names (IANA as is, Windows key or Outlook display name), or null. */
export function ianaZone(tzid: string): string | null {
  const id = tzid.trim().replace(/^"|"$/g, '');
  if (id === '') return null;
  const windows = WINDOWS_TO_IANA[id];
  if (windows) return windows;
  // Some producers prefix IANA names (`/mozilla.org/20050126_1/Europe/Berlin`).
  const tail = /([A-Za-z]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(id)?.[1];
  for (const candidate of [id, tail]) {
    if (candidate && candidate.includes('/') && formatter(candidate)) return candidate;
  }
  if (/^(utc|gmt|z)$/i.test(id)) return 'Etc/UTC';
  for (const [re, zone] of DISPLAY_NAMES) if (re.test(id)) return zone;
  return null;
}

/** Offset of `zone` from UTC at instant `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const f = formatter(zone);
  if (!f) return 0;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Milliseconds since the epoch of a wall-clock time in an IANA zone (gaps resolve forward, overlaps to the earlier time). */
export function zonedToEpoch(t: WallTime, zone: string): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  let guess = wall - offsetAt(wall, zone);
  for (let i = 0; i < 3; i++) {
    const next = wall - offsetAt(guess, zone);
    if (next === guess) break;
    guess = next;
  }
  return guess;
}
