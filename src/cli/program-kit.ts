/**
 * Small pieces for declaring commands: repeatable options, whole-number options,
 * and handlers loaded only when their command runs.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { CommandOpts } from './run.js';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
export const int =
  (field: string) =>
  (value: string): number => {
    if (!/^\d+$/.test(value)) {
      throw new InvalidArgumentError(`${field} must be a whole number.`);
    }
    return Number(value);
  };
/** A whole number of at least 1, for `--limit`: 0 would otherwise read as no limit at all. */
export const count =
  (field: string) =>
  (value: string): number => {
    const n = int(field)(value);
    if (n < 1) throw new InvalidArgumentError(`${field} must be a whole number, at least 1.`);
    return n;
  };

export type Loader = () => Promise<(args: unknown[], opts: CommandOpts) => Promise<void>>;

/** Wires an action to a lazily loaded handler. */
export function lazy(load: Loader) {
  return async (...all: unknown[]): Promise<void> => {
    const cmd = all[all.length - 1] as Command;
    const args = all.slice(0, -2);
    const handler = await load();
    await handler(args, cmd.optsWithGlobals() as CommandOpts);
  };
}
