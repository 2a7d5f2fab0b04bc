/**
 * "Today" for the acting user: `--on` when given, else the clock's day in the user's time zone.
 */
import { dayInZone, isDay } from '../core/days.js';
import { AppError } from '../core/errors.js';
import type { Day } from '../core/types.js';
import type { Ctx } from './ports.js';
import { profileOf } from './session.js';

export async function userToday(ctx: Ctx, on?: string | null): Promise<Day> {
  if (on != null) {
    if (!isDay(on))
      throw new AppError('invalid_input', 'on: must be a date written YYYY-MM-DD', {
        issues: [{ field: 'on', message: 'not a date' }],
      });
    return on;
  }
  const profile = await profileOf(ctx);
  try {
    return dayInZone(ctx.clock.now(), profile.timeZone);
  } catch {
    return ctx.clock.now().slice(0, 10);
  }
}
