import type { Node } from 'web-tree-sitter';
import {
  constInt,
  elementValue,
  indentAt,
  isPackageMember,
  keyedElements,
  tlsConfigLiterals,
  tlsFieldWrites,
  tlsRef,
} from '../../engine/languages/go';
import { compareGoVersions } from '../../engine/languages/gomod';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/** Keys only a server's config sets. */
const SERVER_KEYS = ['ClientAuth', 'ClientCAs', 'GetCertificate', 'GetConfigForClient', 'VerifyClientCertificate'];
/** crypto/tls functions that take the config for the server side. */
const SERVER_FUNCS = ['Listen', 'NewListener', 'Server'];

/** The newest Go version the file can be built with, from `//go:build !go1.N` (or `// +build !go1.N`). */
function buildConstraintVersion(text: string): string | undefined {
  const head = text.slice(0, 4096);
  const m = /^\/\/(?:go:build|\s*\+build)\s+[^\n]*!go1\.(\d+)\b/m.exec(head);
  if (!m) return undefined;
  const n = parseInt(m[1], 10);
  // `&&`/`||` combinations are rare; a single negated release tag bounds the version.
  return n > 0 ? `1.${n - 1}` : undefined;
}

function goVersion(file: SourceFile): string | undefined {
  return file.settings.languages.go?.version ?? buildConstraintVersion(file.text);
}

/** The expression the literal is bound to: the `&tls.Config{...}` (or the literal) and the variable it is stored in. */
function binding(lit: Node): { expr: Node; variable: string | undefined } {
  let expr = lit;
  if (expr.parent?.type === 'unary_expression') expr = expr.parent;
  let variable: string | undefined;
  const list = expr.parent?.type === 'expression_list' ? expr.parent : undefined;
  const holder = list?.parent;
  if (
    list &&
    holder &&
    (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement' || holder.type === 'var_spec')
  ) {
    const idx = list.namedChildren.findIndex((c) => c?.id === expr.id);
    const left =
      holder.type === 'var_spec'
        ? holder.childrenForFieldName('name')
        : (holder.childForFieldName('left')?.namedChildren ?? []);
    const target = left[idx];
    if (target?.type === 'identifier') variable = target.text;
  }
  return { expr, variable };
}

function isServerConfig(file: SourceFile, lit: Node, keys: Map<string, Node>): boolean {
  if (SERVER_KEYS.some((k) => keys.has(k))) return true;
  const { expr, variable } = binding(lit);
  // `http.Server{TLSConfig: &tls.Config{...}}` and friends.
  const el = expr.parent?.type === 'literal_element' ? expr.parent.parent : undefined;
  if (el?.type === 'keyed_element' && (el.childForFieldName('key') ?? el.namedChildren[0])?.text === 'TLSConfig')
    return true;
  // `srv.TLSConfig = &tls.Config{...}`, httptest's `server.TLS = &tls.Config{...}`.
  const holder = expr.parent?.type === 'expression_list' ? expr.parent.parent : undefined;
  if (holder?.type === 'assignment_statement') {
    const target = holder.childForFieldName('left')?.namedChildren[0];
    const field = target?.type === 'selector_expression' ? target.childForFieldName('field')?.text : undefined;
    if (field === 'TLSConfig' || field === 'TLS') return true;
  }
  const usedAsServer = (arg: Node) =>
    arg.id === expr.id || (variable !== undefined && arg.type === 'identifier' && arg.text === variable);
  for (const call of file.nodes('call_expression')) {
    const fn = call.childForFieldName('function');
    const name = isPackageMember(file, fn, 'crypto/tls');
    if (!name || !SERVER_FUNCS.includes(name)) continue;
    if ((call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a && usedAsServer(a))) return true;
  }
  if (variable) {
    for (const w of file.nodes('assignment_statement')) {
      const left = w.childForFieldName('left')?.namedChildren[0];
      const right = w.childForFieldName('right')?.namedChildren[0];
      if (
        left?.type === 'selector_expression' &&
        ['TLSConfig', 'TLS'].includes(left.childForFieldName('field')?.text ?? '') &&
        right?.text === variable
      )
        return true;
    }
    for (const kv of file.nodes('keyed_element')) {
      const key = kv.childForFieldName('key') ?? kv.namedChildren[0];
      const value = elementValue(kv);
      if (key?.text === 'TLSConfig' && value?.type === 'identifier' && value.text === variable) return true;
    }
  }
  return false;
}

/** Whether the literal's variable gets a MinVersion later (`cfg.MinVersion = ...`). */
function tightenedLater(file: SourceFile, lit: Node): boolean {
  const { variable } = binding(lit);
  if (!variable) return false;
  return tlsFieldWrites(file, ['MinVersion']).some(
    (w) => w.receiver.type === 'identifier' && w.receiver.text === variable,
  );
}

export const detector = defineDetector<{ literal: Node }>({
  id: 'go.tls-default-min-version',
  summary: 'crypto/tls.',
  docs: `
    crypto/tls: a \`tls.Config\` literal without \`MinVersion\`, when the module's Go version still
    defaults to TLS 1.0: clients until Go 1.18, servers until Go 1.22 (GODEBUG tls10server follows
    go.mod's \`go\` line). The version comes from \`settings.languages.go.version\` (the host reads go.mod)
    or from a \`//go:build !go1.N\` constraint on the file; when neither tells, nothing is reported.
  `,
  rule: 'insecure-default-context',
  languages: ['go'],
  apis: ['crypto/tls.Config'],
  tokens: ['Config{'],
  alsoTokens: ['crypto/tls'],
  fixAvailability: 'always',
  detect(file, report) {
    const version = goVersion(file);
    if (!version) return;
    const clientsOld = compareGoVersions(version, '1.18') < 0;
    const serversOld = compareGoVersions(version, '1.22') < 0;
    if (!serversOld) return;
    for (const lit of tlsConfigLiterals(file)) {
      const keys = keyedElements(lit);
      const min = keys.get('MinVersion');
      // `MinVersion: 0` is the default too; a non-constant MinVersion is someone's decision.
      if (min && constInt(file, elementValue(min)) !== 0) continue;
      // A positional (unkeyed) literal sets every field: not this case.
      const body = lit.childForFieldName('body');
      if (body?.namedChildren.some((c) => c?.type === 'literal_element')) continue;
      if (tightenedLater(file, lit)) continue;
      const server = isServerConfig(file, lit, keys);
      if (!clientsOld && !server) continue;
      const type = lit.childForFieldName('type')!;
      report({
        node: min ?? type,
        message: server
          ? `\`tls.Config\` sets no \`MinVersion\`: with Go ${version}, servers accept TLS 1.0 and 1.1 by default.`
          : `\`tls.Config\` sets no \`MinVersion\`: with Go ${version}, clients accept TLS 1.0 and 1.1 by default.`,
        state: { literal: lit },
      });
    }
  },
  fix(file, r) {
    const lit = r.state.literal;
    const body = lit.childForFieldName('body');
    if (!body) return undefined;
    const value = tlsRef(file, 'VersionTLS12') ?? '0x0303';
    const min = keyedElements(lit).get('MinVersion');
    const v = min && elementValue(min);
    if (v) {
      return {
        title: `Require TLS 1.2 (\`MinVersion: ${value}\`)`,
        safety: 'safe',
        edits: [{ start: v.startIndex, end: v.endIndex, newText: value }],
      };
    }
    const text = file.text;
    const open = body.startIndex + 1;
    const first = body.namedChildren.find((c) => c && c.type !== 'comment');
    const multiline = /^[ \t]*(\/\/[^\n]*)?\r?\n/.test(text.slice(open));
    let edit;
    if (multiline) {
      const closeIndent = indentAt(text, body.endIndex - 1);
      const indent = first ? indentAt(text, first.startIndex) : closeIndent + '\t';
      const nl = text.indexOf('\n', open);
      edit = { start: nl + 1, end: nl + 1, newText: `${indent}MinVersion: ${value},\n` };
    } else if (first) {
      edit = { start: open, end: open, newText: `MinVersion: ${value}, ` };
    } else {
      edit = { start: open, end: body.endIndex - 1, newText: `MinVersion: ${value}` };
    }
    return { title: `Require TLS 1.2 (\`MinVersion: ${value}\`)`, safety: 'safe', edits: [edit] };
  },
  examples: {
    go: {
      bad: `
        //go:build !go1.18

        package main

        import "crypto/tls"

        var cfg = &tls.Config{ServerName: "example.com"}
      `,
      good: `
        //go:build !go1.18

        package main

        import "crypto/tls"

        var cfg = &tls.Config{ServerName: "example.com", MinVersion: tls.VersionTLS12}
      `,
    },
  },
});
