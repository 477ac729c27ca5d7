// `livestats completion bash|zsh|fish`: prints a completion script generated from the program's own command
// tree. The hidden `--list-profiles` prints the profile names of the config file, for the scripts to call
// while completing `--profile`; it prints nothing, successfully, when the file is missing or unreadable.
import { Argument, Command, Option } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import { SHELLS } from '../cli/completion/shells.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

export function completionCommand(bind: ActionBinder): Command {
  const command = new Command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('[shell]', 'bash, zsh or fish').choices(SHELLS))
    .addOption(new Option('--list-profiles', 'print the profile names in the config file').hideHelp())
    .addHelpText(
      'after',
      examples([
        'source <(livestats completion bash)            # this bash session',
        'livestats completion bash > ~/.local/share/bash-completion/completions/livestats',
        'livestats completion zsh > "${fpath[1]}/_livestats"',
        'livestats completion fish > ~/.config/fish/completions/livestats.fish',
      ]),
    );
  // The script describes the whole program, which is this command's root once it has been added.
  const root = (): Command => {
    let at = command;
    while (at.parent) at = at.parent;
    return at;
  };
  return command.action(bind('completion', (ctx, input) => run(ctx, input, root())));
}

async function listProfiles(ctx: Context): Promise<void> {
  let names: string[];
  try {
    names = (await ctx.openSettings()).profiles();
  } catch {
    // Completion must never print an error into the user's command line.
    return;
  }
  if (names.length > 0) ctx.io.stdout.write(`${names.join('\n')}\n`);
}

export async function run(ctx: Context, input: CommandInput, program: Command): Promise<void> {
  if (input.options.listProfiles === true) return listProfiles(ctx);
  const shell = SHELLS.find((name) => name === input.args[0]);
  if (shell === undefined) {
    throw new UsageError('completion needs a shell: bash, zsh or fish', { hint: 'For example: source <(livestats completion bash)' });
  }
  const { completionScript } = await import('../cli/completion/render.js');
  ctx.io.stdout.write(completionScript(shell, program));
}
