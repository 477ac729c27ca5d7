// Renders the completion model as a bash script: data functions (one `case` arm per command path) and one
// engine that walks COMP_WORDS. Works with bash 4+ alone; bash-completion is not required.
import { shellQuote } from '../../util/shell-quote.js';
import type { ArgumentSlot, CompletionModel, NodeTable, Values } from './model.js';

function valuesBody(values: Values): string {
  if (values.kind === 'words') return `_livestats_kind=words; _livestats_reply=${shellQuote(values.words.join(' '))}`;
  return `_livestats_kind=${values.kind}`;
}

function listFunction(name: string, nodes: readonly NodeTable[], list: (node: NodeTable) => string[]): string {
  const arms = nodes.map((node) => `    ${shellQuote(node.path)}) _livestats_reply=${shellQuote(list(node).join(' '))} ;;`);
  return [`${name}() {`, '  case "$1" in', ...arms, "    *) _livestats_reply='' ;;", '  esac', '}'].join('\n');
}

function optionValuesFunction(nodes: readonly NodeTable[]): string {
  const arms = nodes.flatMap((node) =>
    node.optionValues.map(({ names, values }) => `    ${names.map((n) => shellQuote(`${node.path}|${n}`)).join('|')}) ${valuesBody(values)} ;;`),
  );
  return ['_livestats_option_values() {', "  _livestats_reply=''; _livestats_kind=''", '  case "$1|$2" in', ...arms, '  esac', '}'].join('\n');
}

function slotCondition(slot: ArgumentSlot): string {
  return slot.variadic ? `[ "$2" -ge ${slot.index} ]` : `[ "$2" -eq ${slot.index} ]`;
}

function slotBody(slot: ArgumentSlot): string[] {
  const lines: string[] = [];
  if (slot.values) lines.push(`        ${valuesBody(slot.values)}`);
  if (slot.byPrevious) {
    lines.push('        case "$3" in');
    for (const [previous, words] of Object.entries(slot.byPrevious)) {
      lines.push(`          ${shellQuote(previous)}) ${valuesBody({ kind: 'words', words })} ;;`);
    }
    lines.push('        esac');
  }
  return lines;
}

function argValuesFunction(nodes: readonly NodeTable[]): string {
  const arms = nodes
    .filter((node) => node.args.length > 0)
    .flatMap((node) => [
      `    ${shellQuote(node.path)})`,
      ...node.args.flatMap((slot, i) => [`      ${i === 0 ? 'if' : 'elif'} ${slotCondition(slot)}; then`, ...slotBody(slot)]),
      '      fi ;;',
    ]);
  return ['_livestats_arg_values() {', "  _livestats_reply=''; _livestats_kind=''", '  case "$1" in', ...arms, '  esac', '}'].join('\n');
}

const ENGINE = `# Offers the values _livestats_option_values or _livestats_arg_values chose for the word being completed.
_livestats_offer() {
  local cur="$1" IFS=$'\\n'
  case "$_livestats_kind" in
    words) COMPREPLY+=($(IFS=' '; compgen -W "$_livestats_reply" -- "$cur")) ;;
    files)
      compopt -o filenames 2>/dev/null
      COMPREPLY+=($(compgen -f -- "$cur"))
      ;;
    profiles)
      local bin="\${COMP_WORDS[0]/#\\~/$HOME}"
      COMPREPLY+=($(compgen -W "$("$bin" completion --list-profiles 2>/dev/null)" -- "$cur"))
      ;;
  esac
}

# Walks the words before the cursor: subcommands descend, options that take a value skip it
# ("--format=csv" arrives as "--format" "=" "csv"), everything else is a positional argument.
_livestats_complete_fn() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path='' word='' option='' expect='' previous='' argi=0 i
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ -n $expect ]]; then
      [[ $word == '=' ]] || expect=''
      continue
    fi
    case "$word" in
      -*=*) continue ;;
      -*)
        _livestats_valued "$path"
        if [[ " $_livestats_reply " == *" $word "* ]]; then
          expect=1
          option="$word"
        fi
        continue
        ;;
    esac
    if ((argi == 0)); then
      _livestats_commands "$path"
      if [[ " $_livestats_reply " == *" $word "* ]]; then
        path="\${path:+$path }$word"
        continue
      fi
    fi
    previous="$word"
    argi=$((argi + 1))
  done
  if [[ -n $expect ]]; then
    [[ $cur == '=' ]] && cur=''
    _livestats_option_values "$path" "$option"
    _livestats_offer "$cur"
    return 0
  fi
  if [[ $cur == -* ]]; then
    _livestats_options "$path"
    COMPREPLY=($(compgen -W "$_livestats_reply" -- "$cur"))
    return 0
  fi
  if ((argi == 0)); then
    _livestats_commands "$path"
    COMPREPLY=($(compgen -W "$_livestats_reply" -- "$cur"))
  fi
  _livestats_arg_values "$path" "$argi" "$previous"
  _livestats_offer "$cur"
  return 0
}`;

export function renderBash(model: CompletionModel): string {
  return [
    `# bash completion for ${model.program}, generated from its command tree by \`${model.program} completion bash\`.`,
    `# Load it now with: source <(${model.program} completion bash)`,
    `# or for every shell: ${model.program} completion bash > ~/.local/share/bash-completion/completions/${model.program}`,
    '',
    listFunction('_livestats_commands', model.nodes, (node) => node.commands.map((c) => c.name)),
    listFunction('_livestats_options', model.nodes, (node) => node.options.map((o) => o.name)),
    listFunction('_livestats_valued', model.nodes, (node) => node.valued),
    optionValuesFunction(model.nodes),
    argValuesFunction(model.nodes),
    '',
    ENGINE,
    '',
    `complete -F _livestats_complete_fn ${model.program}`,
    '',
  ].join('\n');
}
