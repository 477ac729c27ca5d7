// The completion model: the commander program walked into one flat table per command path (subcommands,
// options, which options take a value, and what each value or positional argument may be). What the values
// are is asked of the caller's rules; turning the tables into a shell script is each renderer's job.
import type { Argument, Command, Option } from 'commander';

/** What may be typed in one slot: fixed words, a file path, or a profile name read when completing. */
export type Values = { kind: 'words'; words: readonly string[] } | { kind: 'files' } | { kind: 'profiles' };

export interface Described {
  name: string;
  description: string;
}

export interface ArgumentSlot {
  /** 0-based position among the command's positional arguments. */
  index: number;
  /** The last slot of a variadic argument also covers every later position. */
  variadic: boolean;
  values?: Values | undefined;
  /** Values that depend on the argument before this one (`config set tencent.region <value>`). */
  byPrevious?: Readonly<Record<string, readonly string[]>> | undefined;
}

export interface NodeTable {
  /** Command names from the root, joined by one space; "" for the program itself. */
  path: string;
  commands: Described[];
  /** Every spelling (short and long) of every option accepted here, the ancestors' included. */
  options: Described[];
  /** The spellings that consume the next word as their value. */
  valued: string[];
  optionValues: Array<{ names: string[]; values: Values }>;
  args: ArgumentSlot[];
}

export interface CompletionModel {
  program: string;
  nodes: NodeTable[];
}

/** The project's knowledge of values; commander's own `.choices()` are used where these say nothing. */
export interface ValueRules {
  option(option: Option): Values | undefined;
  argument(path: string, index: number, argument: Argument): Omit<ArgumentSlot, 'index' | 'variadic'> | undefined;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

function spellings(option: Option): string[] {
  return [option.short, option.long].filter((s): s is string => s !== undefined);
}

function chain(command: Command): Command[] {
  const commands: Command[] = [];
  for (let at: Command | null = command; at; at = at.parent) commands.unshift(at);
  return commands;
}

function pathOf(command: Command): string {
  return chain(command)
    .slice(1)
    .map((c) => c.name())
    .join(' ');
}

/**
 * The options `--help` lists for the command: its own, then the program's that it honours (commander accepts those
 * after a subcommand; src/cli/unused-options.ts says which a command has no use for).
 */
function optionsOf(command: Command): Option[] {
  const help = command.createHelp();
  const seen = new Set<string>();
  return [...help.visibleOptions(command), ...help.visibleGlobalOptions(command)].filter((option) => {
    const key = spellings(option).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function words(list: readonly string[] | undefined): Values | undefined {
  return list && list.length > 0 ? { kind: 'words', words: list } : undefined;
}

function tableOf(command: Command, rules: ValueRules, visibleCommands: Command[]): NodeTable {
  const path = pathOf(command);
  const options = optionsOf(command);
  const table: NodeTable = {
    path,
    commands: visibleCommands.map((c) => ({ name: c.name(), description: firstLine(c.summary() || c.description()) })),
    options: options.flatMap((o) => spellings(o).map((name) => ({ name, description: firstLine(o.description) }))),
    valued: options.filter((o) => o.required || o.optional).flatMap(spellings),
    optionValues: [],
    args: [],
  };
  for (const option of options) {
    if (!(option.required || option.optional)) continue;
    const values = rules.option(option) ?? words(option.argChoices);
    if (values) table.optionValues.push({ names: spellings(option), values });
  }
  command.registeredArguments.forEach((argument, index) => {
    const ruled = rules.argument(path, index, argument);
    const values = ruled?.values ?? words(argument.argChoices);
    if (values || ruled?.byPrevious) table.args.push({ index, variadic: argument.variadic, values, byPrevious: ruled?.byPrevious });
  });
  return table;
}

/** Walks `program` depth first; the implicit `help` command completes the names of its siblings. */
export function buildModel(program: Command, rules: ValueRules): CompletionModel {
  const nodes: NodeTable[] = [];
  const visit = (command: Command): void => {
    const visible = command.createHelp().visibleCommands(command);
    nodes.push(tableOf(command, rules, visible));
    for (const child of visible) {
      if (command.commands.includes(child)) {
        visit(child);
        continue;
      }
      // The implicit help command is made on the fly and has no parent: its one argument is a sibling's name.
      const siblings = visible.filter((c) => c !== child).map((c) => c.name());
      const path = [pathOf(command), child.name()].filter((p) => p !== '').join(' ');
      nodes.push({ path, commands: [], options: [], valued: [], optionValues: [], args: [{ index: 0, variadic: false, values: { kind: 'words', words: siblings } }] });
    }
  };
  visit(program);
  return { program: program.name(), nodes };
}
