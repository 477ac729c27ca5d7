// The completion script for one shell: the program walked into the model with livestats' value rules, then
// rendered. Loaded only by `livestats completion`, so no other run pays for the renderers.
import type { Command } from 'commander';
import { renderBash } from './bash.js';
import { renderFish } from './fish.js';
import { buildModel, type CompletionModel } from './model.js';
import type { Shell } from './shells.js';
import { livestatsValues } from './values.js';
import { renderZsh } from './zsh.js';

const RENDERERS: Record<Shell, (model: CompletionModel) => string> = { bash: renderBash, zsh: renderZsh, fish: renderFish };

export function completionScript(shell: Shell, program: Command): string {
  return RENDERERS[shell](buildModel(program, livestatsValues));
}
