// Shell commands and variable assignments, from tree-sitter-bash trees: shell scripts, Dockerfiles (their
// RUN/ENV lines parse as commands), .env files, and the `run:`/`script:` blocks of CI YAML (parsed as
// embedded shell with offsets that line up with the YAML file).
import type { Node, Tree } from 'web-tree-sitter';
import type { Command, Word } from '../cmdline';
import type { SourceFile } from '../types';
import { yamlShellBlocks } from './yaml';

export type { Command, Word };

export interface Assignment {
  /** The whole assignment (`export A=1`, `A=1`, a Dockerfile `ENV A 1` pair). */
  node: Node;
  name: string;
  value: string | undefined;
  valueNode: Node | undefined;
}

export function wordValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'word':
    case 'number':
      return node.text.replace(/\\(.)/g, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      let out = '';
      for (const c of node.namedChildren) {
        if (!c) continue;
        if (c.type !== 'string_content') return undefined;
        out += c.text;
      }
      return out;
    }
    case 'concatenation': {
      let out = '';
      for (const c of node.namedChildren) {
        const v = wordValue(c);
        if (v === undefined) return undefined;
        out += v;
      }
      return out;
    }
    case 'command_name':
      return wordValue(node.namedChildren[0]);
    default:
      return undefined;
  }
}

/** Programs that run the next word as a command (`sudo -E curl`, `env A=1 curl`, Dockerfile `RUN`). */
export const WRAPPERS = new Set([
  'sudo',
  'env',
  'exec',
  'command',
  'time',
  'nohup',
  'xargs',
  'nice',
  'RUN',
  'run',
  'doas',
]);

function trees(file: SourceFile): Tree[] {
  if (file.language === 'yaml') {
    return file.memo('shell.yaml-trees', () => {
      const blocks = yamlShellBlocks(file);
      if (blocks.length === 0) return [];
      // One parse over the file with everything but the shell blocks blanked, so offsets line up.
      const chars = file.text.replace(/[^\r\n]/g, ' ').split('');
      for (const b of blocks) for (let i = b.start; i < b.end; i++) chars[i] = file.text[i];
      const tree = file.parseEmbedded('bash', chars.join(''));
      return tree ? [tree] : [];
    });
  }
  return file.tree ? [file.tree] : [];
}

function nodesOf(file: SourceFile, types: string[]): Node[] {
  if (file.language !== 'yaml') return file.nodes(...types);
  return trees(file).flatMap((t) => t.rootNode.descendantsOfType(types));
}

/** A shell word: its value, where that is written verbatim, and the deletion that removes it. */
function shellWord(text: string, node: Node): Word {
  const value = wordValue(node);
  let raw: { start: number; end: number } | undefined;
  if (value !== undefined) {
    if (node.text === value) raw = { start: node.startIndex, end: node.endIndex };
    else if (/^(raw_)?string$/.test(node.type) && node.text.slice(1, -1) === value)
      raw = { start: node.startIndex + 1, end: node.endIndex - 1 };
  }
  return { node, value, start: node.startIndex, end: node.endIndex, raw, remove: removeWordRange(text, node) };
}

/** The array a word expands whole (`"${args[@]}"`, `${args[*]}`), by name. */
function arrayName(word: Node): string | undefined {
  let x: Node | null = word;
  if (x.type === 'command_name' || x.type === 'string') {
    if (x.namedChildCount !== 1) return undefined;
    x = x.namedChild(0);
    if (x?.type === 'string' && x.namedChildCount === 1) x = x.namedChild(0);
  }
  if (x?.type !== 'expansion') return undefined;
  const sub = x.namedChildren.length === 1 ? x.namedChild(0) : null;
  if (sub?.type !== 'subscript' || !/^[@*]$/.test(sub.childForFieldName('index')?.text ?? '')) return undefined;
  return sub.childForFieldName('name')?.text;
}

/** The array assignments of a script (`a=(x y)`, `a+=(z)`), in order, by name. */
function arrays(file: SourceFile): Map<string, { at: number; append: boolean; elements: Node[] }[]> {
  return file.memo('shell.arrays', () => {
    const out = new Map<string, { at: number; append: boolean; elements: Node[] }[]>();
    for (const a of nodesOf(file, ['variable_assignment'])) {
      const value = a.childForFieldName('value');
      const name = a.childForFieldName('name')?.text;
      if (value?.type !== 'array' || !name) continue;
      const elements = value.namedChildren.filter((e): e is Node => !!e && e.type !== 'comment');
      let list = out.get(name);
      if (!list) out.set(name, (list = []));
      list.push({ at: a.startIndex, append: /^[^=(]*\+=/.test(a.text), elements });
    }
    return out;
  });
}

/** The elements an array holds at `offset`, from the assignments written before it. */
function arrayAt(file: SourceFile, name: string, offset: number): Node[] | undefined {
  const assignments = arrays(file).get(name);
  if (!assignments) return undefined;
  let out: Node[] | undefined;
  for (const a of assignments) {
    if (a.at >= offset) break;
    out = a.append ? [...(out ?? []), ...a.elements] : a.elements;
  }
  return out;
}

/**
 * Where the program stands among a command's words, past wrappers and their options (`sudo -E curl`,
 * `env A=1 curl`, Dockerfile `RUN curl`); the last word is never skipped.
 */
export function programIndex(words: Word[]): number {
  let i = 0;
  while (i < words.length - 1 && words[i].value !== undefined && WRAPPERS.has(words[i].value!)) {
    i++;
    while (
      i < words.length - 1 &&
      (words[i].value?.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value ?? ''))
    )
      i++;
  }
  return i;
}

/** Every simple command with its program name and arguments. */
export function shellCommands(file: SourceFile): Command[] {
  return file.memo('shell.commands', () => {
    const out: Command[] = [];
    for (const node of nodesOf(file, ['command'])) {
      const nameNode = node.childForFieldName('name');
      if (!nameNode) continue;
      const words: Word[] = [];
      for (const a of [nameNode, ...node.childrenForFieldName('argument')]) {
        if (!a) continue;
        // `"${args[@]}"`: the words of the array built before (`args=(-fsSL)`, `args+=(--insecure)`).
        const array = arrayName(a);
        const elements = array ? arrayAt(file, array, node.startIndex) : undefined;
        if (elements?.length) for (const e of elements) words.push(shellWord(file.text, e));
        else words.push(shellWord(file.text, a));
      }
      const i = programIndex(words);
      const head = words[i];
      if (head.value === undefined) continue;
      out.push({ node, name: head.value.replace(/^.*\//, ''), args: words.slice(i + 1) });
    }
    return out;
  });
}

/** Every variable assignment: `A=1`, `export A=1`, `A=1 cmd`, Dockerfile `ENV A=1` and `ENV A 1`. */
export function shellAssignments(file: SourceFile): Assignment[] {
  return file.memo('shell.assignments', () => {
    const out: Assignment[] = [];
    for (const node of nodesOf(file, ['variable_assignment'])) {
      const name = node.childForFieldName('name')?.text;
      const valueNode = node.childForFieldName('value') ?? undefined;
      if (!name) continue;
      const whole =
        node.parent?.type === 'declaration_command' && node.parent.namedChildren.length === 1 ? node.parent : node;
      out.push({ node: whole, name, value: valueNode ? wordValue(valueNode) : '', valueNode });
    }
    if (file.language === 'dockerfile') {
      for (const cmd of nodesOf(file, ['command'])) {
        const head = cmd.childForFieldName('name');
        if (wordValue(head) !== 'ENV' && wordValue(head) !== 'ARG') continue;
        const args = cmd.childrenForFieldName('argument').filter((a): a is Node => !!a);
        const first = args[0] ? wordValue(args[0]) : undefined;
        if (first !== undefined && !first.includes('=') && args.length >= 2) {
          // Legacy form `ENV NAME value`.
          out.push({ node: cmd, name: first, value: wordValue(args[1]), valueNode: args[1] });
          continue;
        }
        for (const a of args) {
          const v = wordValue(a);
          const eq = v?.indexOf('=') ?? -1;
          if (v === undefined || eq <= 0) continue;
          out.push({ node: a, name: v.slice(0, eq), value: v.slice(eq + 1), valueNode: a });
        }
      }
    }
    return out;
  });
}

/** Whether an argument list has an option, as `--name` / `--name=value` or inside a short cluster. */
export function findOption(
  args: Word[],
  long: string[],
  short: string[] = [],
  shortWithArg: string = '',
): { word: Word; index: number; short?: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === undefined) continue;
    if (v === '--') return undefined;
    if (long.some((l) => v === l || v.startsWith(l + '='))) return { word: args[i], index: i };
    if (/^-[A-Za-z0-9]+$/.test(v)) {
      for (let j = 1; j < v.length; j++) {
        if (short.includes(v[j])) return { word: args[i], index: i, short: v[j] };
        if (shortWithArg.includes(v[j])) {
          if (j === v.length - 1) i++; // the option's value is the next word
          break;
        }
      }
    } else if (
      v.startsWith('--') &&
      !v.includes('=') &&
      LONG_WITH_ARG.has(v) &&
      !args[i + 1]?.value?.startsWith('--')
    ) {
      // The option's value is the next word; a long option there is an option of its own (code that
      // builds `cmd += option('--proxy', setting)` gives the name without its value).
      i++;
    }
  }
  return undefined;
}

const LONG_WITH_ARG = new Set([
  '--output',
  '--header',
  '--data',
  '--user',
  '--request',
  '--user-agent',
  '--referer',
  '--cookie',
  '--form',
  '--upload-file',
  '--proxy',
  '--config',
  '--cacert',
  '--cert',
  '--key',
]);

/** The edit that removes a whole word with the whitespace before it. */
export function removeWordRange(text: string, node: Node): { start: number; end: number } {
  let start = node.startIndex;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: node.endIndex };
}
