/**
 * Registers the commands for events, communities, writing, resources, introductions and the habit coach.
 */
import type { Command } from 'commander';
import type { collect as Collect, int as Int, lazy as Lazy } from '../program-kit.js';

export function registerNetworkCommands(_program: Command, _kit: { lazy: typeof Lazy; int: typeof Int; collect: typeof Collect }): void {}
