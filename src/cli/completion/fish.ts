// Renders the completion model as a fish script: data functions (one `switch` case per command path) and one
// function that walks `commandline -opc` and prints "candidate<TAB>description" lines for `complete -a`.
import type { ArgumentSlot, CompletionModel, Described, NodeTable, Values } from './model.js';

/** One fish single-quoted word: only \ and ' are special inside. */
export function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function printDescribed(items: readonly Described[]): string {
  if (items.length === 0) return 'true';
  return `printf '%s\\t%s\\n' ${items.map((i) => `${fishQuote(i.name)} ${fishQuote(i.description)}`).join(' ')}`;
}

function printWords(words: readonly string[]): string {
  return words.length === 0 ? 'true' : `printf '%s\\n' ${words.map(fishQuote).join(' ')}`;
}

function valuesBody(values: Values): string {
  if (values.kind === 'words') return `set -g __livestats_kind words; ${printWords(values.words)}`;
  return `set -g __livestats_kind ${values.kind}`;
}

function switchFunction(name: string, args: string, subject: string, cases: string[]): string {
  return [`function ${name} --argument-names ${args}`, `    switch ${subject}`, ...cases, '    end', 'end'].join('\n');
}

function listCases(nodes: readonly NodeTable[], body: (node: NodeTable) => string): string[] {
  return nodes.flatMap((node) => [`        case ${fishQuote(node.path)}`, `            ${body(node)}`]);
}

function optionValueCases(nodes: readonly NodeTable[]): string[] {
  return nodes.flatMap((node) =>
    node.optionValues.flatMap(({ names, values }) => [
      `        case ${names.map((n) => fishQuote(`${node.path}|${n}`)).join(' ')}`,
      `            ${valuesBody(values)}`,
    ]),
  );
}

function slotCondition(slot: ArgumentSlot): string {
  return slot.variadic ? `test $index -ge ${slot.index}` : `test $index -eq ${slot.index}`;
}

function slotBody(slot: ArgumentSlot): string[] {
  const lines: string[] = [];
  if (slot.values) lines.push(`                ${valuesBody(slot.values)}`);
  if (slot.byPrevious) {
    lines.push('                switch $previous');
    for (const [previous, words] of Object.entries(slot.byPrevious)) {
      lines.push(`                    case ${fishQuote(previous)}`, `                        ${valuesBody({ kind: 'words', words })}`);
    }
    lines.push('                end');
  }
  return lines;
}

function argValueCases(nodes: readonly NodeTable[]): string[] {
  return nodes
    .filter((node) => node.args.length > 0)
    .flatMap((node) => [
      `        case ${fishQuote(node.path)}`,
      ...node.args.flatMap((slot, i) => [`            ${i === 0 ? 'if' : 'else if'} ${slotCondition(slot)}`, ...slotBody(slot)]),
      '            end',
    ]);
}

const ENGINE = `# Walks the words before the cursor: subcommands descend, options that take a value skip it, anything else
# is a positional argument; then prints what may come next.
function __livestats_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l bin $words[1]
    set -e words[1]
    set -l path ''
    set -l expect ''
    set -l option ''
    set -l previous ''
    set -l index 0
    set -l prefix ''
    for word in $words
        if test -n "$expect"
            set expect ''
            continue
        end
        switch $word
            case '-*=*'
                continue
            case '-*'
                if contains -- $word (__livestats_valued "$path")
                    set expect 1
                    set option $word
                end
                continue
        end
        if test $index -eq 0; and contains -- $word (__livestats_commands "$path" | string replace -r '\\t.*' '')
            set path (string trim -- "$path $word")
            continue
        end
        set previous $word
        set index (math $index + 1)
    end
    if test -z "$expect"; and string match -q -- '-*=*' $cur
        set -l name (string replace -r '=.*' '' -- $cur)
        if contains -- $name (__livestats_valued "$path")
            set expect 1
            set option $name
            set prefix "$name="
            set cur (string replace -r '^[^=]*=' '' -- $cur)
        end
    end
    set -g __livestats_kind ''
    if test -n "$expect"
        __livestats_option_values "$path" "$option" | string replace -r '^' -- "$prefix"
    else if string match -q -- '-*' $cur
        __livestats_options "$path"
    else
        if test $index -eq 0
            __livestats_commands "$path"
        end
        __livestats_arg_values "$path" $index "$previous"
    end
    switch $__livestats_kind
        case files
            __fish_complete_path $cur | string replace -r '^' -- "$prefix"
        case profiles
            $bin completion --list-profiles 2>/dev/null | string replace -r '^' -- "$prefix"
    end
end`;

export function renderFish(model: CompletionModel): string {
  return [
    `# fish completion for ${model.program}, generated from its command tree by \`${model.program} completion fish\`.`,
    `# Install: ${model.program} completion fish > ~/.config/fish/completions/${model.program}.fish`,
    '',
    switchFunction('__livestats_commands', 'path', '$path', listCases(model.nodes, (node) => printDescribed(node.commands))),
    switchFunction('__livestats_options', 'path', '$path', listCases(model.nodes, (node) => printDescribed(node.options))),
    switchFunction('__livestats_valued', 'path', '$path', listCases(model.nodes, (node) => printWords(node.valued))),
    switchFunction('__livestats_option_values', 'path option', '"$path|$option"', optionValueCases(model.nodes)),
    switchFunction('__livestats_arg_values', 'path index previous', '$path', argValueCases(model.nodes)),
    '',
    ENGINE,
    '',
    `complete -c ${model.program} -f -a '(__livestats_complete)'`,
    '',
  ].join('\n');
}
