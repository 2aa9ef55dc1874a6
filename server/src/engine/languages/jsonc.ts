// JSON configuration files (`appsettings*.json`, `.vscode/settings.json`, `*.code-workspace`), read with
// jsonc-parser: comments and trailing commas are allowed, as the .NET JSON configuration provider and
// VS Code allow them, and a syntax error never throws (the parser recovers and the intact parts are read).
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { SourceFile } from '../types';

/** One `"key": value` pair of an object, with the keys of the objects around it. */
export interface JsonProperty {
  key: string;
  /** Offsets of the key, quotes included. */
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
  /**
   * The keys from the root to the object holding this pair, `[]` for an array item (YARP's older
   * `"Clusters": [{ "ClusterId": ... }]`). Configuration keys are case-insensitive in .NET: compare with `sameKey`.
   */
  path: readonly string[];
}

export interface JsonModel {
  root: JsonNode | undefined;
  /** Every pair of every object, in document order. */
  properties: JsonProperty[];
  errors: number;
}

/** The path segment of an array item. */
export const ARRAY_ITEM = '[]';

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true } as const;

/** Parses jsonc text; never throws. */
export function parseJsonc(text: string): JsonModel {
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, OPTIONS);
  } catch {
    return { root: undefined, properties: [], errors: 1 };
  }
  const properties: JsonProperty[] = [];
  const walk = (node: JsonNode, path: string[]) => {
    if (node.type === 'object') {
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k || !v || k.type !== 'string') continue;
        const key = String(k.value);
        properties.push({ key, keyStart: k.offset, keyEnd: k.offset + k.length, value: v, path });
        walk(v, [...path, key]);
      }
    } else if (node.type === 'array') {
      for (const item of node.children ?? []) walk(item, [...path, ARRAY_ITEM]);
    }
  };
  if (root) walk(root, []);
  return { root, properties, errors: errors.length };
}

/** The file's model, parsed once per file and shared by its detectors. */
export function jsonModel(file: SourceFile): JsonModel {
  return file.memo('json-config', () => parseJsonc(file.text));
}

/** The number of syntax errors (for fix validation). */
export function jsoncSyntaxErrors(text: string): number {
  return parseJsonc(text).errors;
}

/** Configuration keys compare without case (.NET's IConfiguration). */
export function sameKey(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** A value's offsets, quotes included for a string. */
export function spanOf(node: JsonNode): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

/**
 * A string that is no constant but a value filled in elsewhere: a deployment tool's token
 * (`#{AcceptAnyCert}#`, `__AcceptAnyCert__`, `$(AcceptAnyCert)`, `${ACCEPT_ANY}`, `{{ accept_any }}`).
 * A documentation schema's `"<bool>"` is neither: it configures nothing.
 */
export function isPlaceholder(value: string): boolean {
  return /^\s*(#\{.*\}#?|__\w+__|\$\(.+\)|\$\{.+\}|\{\{.+\}\}|%\w+%)\s*$/.test(value);
}
