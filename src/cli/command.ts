// What every command module shares: the input its run receives, and the action binder through which its
// commander Command calls that run. Each src/commands/<name>.ts declares its own options next to its run.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { GlobalOptions } from './global-options.js';

export interface CommandInput {
  /** Positional arguments, as commander collected them. */
  args: string[];
  /** The command's own options, unvalidated. */
  options: Record<string, unknown>;
  global: GlobalOptions;
}

export type CommandRun = (ctx: Context, input: CommandInput) => Promise<void>;

/** Turns commander's action call into `run(ctx, input)`; `name` ("config set") lets tests capture the call. */
export type ActionBinder = (name: string, run: CommandRun) => (...params: unknown[]) => Promise<void>;

/** The help text block of examples that ends each command's --help. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/** A string option's values as commander gives them: one string, or an array for a repeated or variadic option. */
export function optionStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Ids given to a variadic option: commas and spaces separate them too (`--channel 1,2`), and each is kept once, in order. */
export function splitIds(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== ''))];
}

/** A command module's builder: declares the command, its options and help, and binds its run. */
export type CommandBuilder = (bind: ActionBinder) => Command;
