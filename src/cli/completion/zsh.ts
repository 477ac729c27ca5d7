// Renders the completion model as a zsh completion function: data functions (one `case` arm per command path,
// with descriptions for _describe), an engine that reads $words and $CURRENT, and the compsys glue. Works both
// from fpath (as the file _livestats) and sourced after compinit.
import { shellQuote } from '../../util/shell-quote.js';
import type { ArgumentSlot, CompletionModel, Described, NodeTable, Values } from './model.js';

/** "name:description" for _describe; a colon in the name would end it early. */
function describedEntry(item: Described): string {
  return shellQuote(`${item.name.replace(/:/g, '\\:')}:${item.description}`);
}

function valuesBody(values: Values): string {
  if (values.kind === 'words') return `_livestats_kind=words; reply=(${values.words.map(shellQuote).join(' ')})`;
  return `_livestats_kind=${values.kind}`;
}

function listFunction(name: string, nodes: readonly NodeTable[], list: (node: NodeTable) => string[]): string {
  const arms = nodes.map((node) => `    (${shellQuote(node.path)}) reply=(${list(node).join(' ')}) ;;`);
  return [`${name}() {`, '  case $1 in', ...arms, '    (*) reply=() ;;', '  esac', '}'].join('\n');
}

function optionValuesFunction(nodes: readonly NodeTable[]): string {
  const arms = nodes.flatMap((node) =>
    node.optionValues.map(({ names, values }) => `    (${names.map((n) => shellQuote(`${node.path}|${n}`)).join('|')}) ${valuesBody(values)} ;;`),
  );
  return ['_livestats_option_values() {', "  reply=(); _livestats_kind=''", '  case "$1|$2" in', ...arms, '  esac', '}'].join('\n');
}

function slotCondition(slot: ArgumentSlot): string {
  return slot.variadic ? `(( $2 >= ${slot.index} ))` : `(( $2 == ${slot.index} ))`;
}

function slotBody(slot: ArgumentSlot): string[] {
  const lines: string[] = [];
  if (slot.values) lines.push(`        ${valuesBody(slot.values)}`);
  if (slot.byPrevious) {
    lines.push('        case $3 in');
    for (const [previous, words] of Object.entries(slot.byPrevious)) {
      lines.push(`          (${shellQuote(previous)}) ${valuesBody({ kind: 'words', words })} ;;`);
    }
    lines.push('        esac');
  }
  return lines;
}

function argValuesFunction(nodes: readonly NodeTable[]): string {
  const arms = nodes
    .filter((node) => node.args.length > 0)
    .flatMap((node) => [
      `    (${shellQuote(node.path)})`,
      ...node.args.flatMap((slot, i) => [`      ${i === 0 ? 'if' : 'elif'} ${slotCondition(slot)}; then`, ...slotBody(slot)]),
      '      fi ;;',
    ]);
  return ['_livestats_arg_values() {', "  reply=(); _livestats_kind=''", '  case $1 in', ...arms, '  esac', '}'].join('\n');
}

const ENGINE = `# Decides what may come at $words[CURRENT]: _livestats_described ("name:description" for commands and
# options), _livestats_words (plain values) and _livestats_kind (words, files or profiles).
_livestats_candidates() {
  local cur=$words[CURRENT] path='' word='' option='' expect='' previous='' argi=0
  local -a reply names
  _livestats_described=() _livestats_words=() _livestats_kind='' _livestats_equals=''
  for word in "\${(@)words[2,CURRENT-1]}"; do
    if [[ -n $expect ]]; then
      expect=''
      continue
    fi
    case $word in
      (-*=*) continue ;;
      (-*)
        _livestats_valued "$path"
        if (( \${reply[(Ie)$word]} )); then
          expect=1
          option=$word
        fi
        continue
        ;;
    esac
    if (( argi == 0 )); then
      _livestats_commands "$path"
      names=("\${(@)reply%%:*}")
      if (( \${names[(Ie)$word]} )); then
        path="\${path:+$path }$word"
        continue
      fi
    fi
    previous=$word
    argi=$(( argi + 1 ))
  done
  if [[ -z $expect && $cur == -*=* ]]; then
    _livestats_valued "$path"
    if (( \${reply[(Ie)\${cur%%=*}]} )); then
      expect=1
      option=\${cur%%=*}
      _livestats_equals=1
    fi
  fi
  if [[ -n $expect ]]; then
    _livestats_option_values "$path" "$option"
    _livestats_words=("\${(@)reply}")
    return
  fi
  if [[ $cur == -* ]]; then
    _livestats_options "$path"
    _livestats_described=("\${(@)reply}")
    return
  fi
  if (( argi == 0 )); then
    _livestats_commands "$path"
    _livestats_described=("\${(@)reply}")
  fi
  _livestats_arg_values "$path" "$argi" "$previous"
  _livestats_words=("\${(@)reply}")
}

_livestats() {
  local -a _livestats_described _livestats_words profiles
  local _livestats_kind _livestats_equals
  _livestats_candidates
  [[ -n $_livestats_equals ]] && compset -P '*='
  (( \${#_livestats_described} )) && _describe -t livestats 'livestats' _livestats_described
  case $_livestats_kind in
    (words) compadd -a _livestats_words ;;
    (files) _files ;;
    (profiles)
      profiles=(\${(f)"$(\${~words[1]} completion --list-profiles 2>/dev/null)"})
      compadd -a profiles
      ;;
  esac
}`;

export function renderZsh(model: CompletionModel): string {
  return [
    `#compdef ${model.program}`,
    `# zsh completion for ${model.program}, generated from its command tree by \`${model.program} completion zsh\`.`,
    `# Install: ${model.program} completion zsh > "\${fpath[1]}/_${model.program}" (any directory on $fpath), then start a new shell;`,
    `# or, after compinit: source <(${model.program} completion zsh)`,
    '',
    listFunction('_livestats_commands', model.nodes, (node) => node.commands.map(describedEntry)),
    listFunction('_livestats_options', model.nodes, (node) => node.options.map(describedEntry)),
    listFunction('_livestats_valued', model.nodes, (node) => node.valued.map(shellQuote)),
    optionValuesFunction(model.nodes),
    argValuesFunction(model.nodes),
    '',
    ENGINE,
    '',
    'if [[ $funcstack[1] == _livestats ]]; then',
    '  _livestats "$@"',
    'elif (( $+functions[compdef] )); then',
    `  compdef _livestats ${model.program}`,
    'fi',
    '',
  ].join('\n');
}
