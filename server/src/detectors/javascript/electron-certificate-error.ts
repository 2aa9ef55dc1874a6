import type { Node } from 'web-tree-sitter';
import { callArguments, literalString, stringValue, unwrap } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function']);

/** The names of a function's parameters, in order (undefined for patterns). */
function paramNames(fn: Node): (string | undefined)[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return [];
  if (params.type === 'identifier') return [params.text];
  return params.namedChildren
    .filter((p): p is Node => !!p && p.type !== 'comment')
    .map((p) => {
      const id =
        p.type === 'required_parameter' || p.type === 'optional_parameter' ? p.childForFieldName('pattern') : p;
      return id?.type === 'identifier' ? id.text : undefined;
    });
}

/** Calls to `name(...)` made unconditionally by a function: in its expression body or its top-level statements. */
function unconditionalCalls(fn: Node, name: string): Node[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const roots =
    body.type === 'statement_block'
      ? body.namedChildren.filter((s): s is Node => s?.type === 'expression_statement').map((s) => s.namedChildren[0])
      : [body];
  const out: Node[] = [];
  for (const r of roots) {
    let e = unwrap(r);
    if (e?.type === 'sequence_expression') e = unwrap(e.namedChildren[e.namedChildren.length - 1]);
    if (e?.type === 'call_expression' && e.childForFieldName('function')?.text === name) out.push(e);
  }
  return out;
}

function handlerOf(node: Node | undefined): Node | undefined {
  const n = unwrap(node);
  return n && FUNCTIONS.has(n.type) ? n : undefined;
}

export const detector = defineDetector({
  id: 'javascript.electron-certificate-error',
  summary: 'Electron code that trusts certificates Chromium rejected.',
  docs: `
    Electron code that trusts certificates Chromium rejected: a \`certificate-error\` handler that calls
    \`callback(true)\` unconditionally, a \`setCertificateVerifyProc\` that answers 0 unconditionally, and the
    \`ignore-certificate-errors\` command-line switch.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [
    "electron.app.on('certificate-error')",
    "webContents.on('certificate-error')",
    'session.setCertificateVerifyProc',
    'app.commandLine.appendSwitch',
  ],
  tokens: ['certificate-error', 'setCertificateVerifyProc', 'ignore-certificate-errors'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const call of file.nodes('call_expression')) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'member_expression') continue;
      const method = fn.childForFieldName('property')?.text;
      const args = callArguments(call);
      if (
        (method === 'on' || method === 'once' || method === 'addListener' || method === 'prependListener') &&
        literalString(args[0]) === 'certificate-error'
      ) {
        // (event, webContents, url, error, certificate, callback[, isMainFrame]) on app; on webContents
        // the listener takes (event, url, error, certificate, callback[, isMainFrame]).
        const handler = handlerOf(args[1]);
        if (!handler) continue;
        const params = paramNames(handler);
        const cb = params.length >= 6 ? params[5] : params[4];
        if (!cb) continue;
        for (const c of unconditionalCalls(handler, cb)) {
          const arg = unwrap(callArguments(c)[0]);
          if (arg?.type !== 'true') continue;
          report({
            node: c,
            message: `The \`certificate-error\` handler calls \`${cb}(true)\` for every certificate error: any certificate is trusted.`,
          });
        }
      } else if (method === 'setCertificateVerifyProc') {
        const handler = handlerOf(args[0]);
        if (!handler) continue;
        const cb = paramNames(handler)[1];
        if (!cb) continue;
        for (const c of unconditionalCalls(handler, cb)) {
          const arg = unwrap(callArguments(c)[0]);
          if (arg?.type !== 'number' || Number(arg.text) !== 0) continue;
          report({
            node: c,
            message: `\`setCertificateVerifyProc\` answers \`${cb}(0)\` for every certificate: Chromium's verification result is ignored.`,
          });
        }
      } else if (method === 'appendSwitch') {
        const sw = stringValue(file, args[0]);
        if (sw === 'ignore-certificate-errors' || sw === '--ignore-certificate-errors') {
          report({
            node: call,
            message: 'The `ignore-certificate-errors` switch makes Chromium accept any certificate.',
          });
        }
      }
    }
  },
  examples: {
    javascript: {
      bad: `
        const { app } = require('electron');
        app.on('certificate-error', (event, webContents, url, error, certificate, callback) => {
          event.preventDefault();
          callback(true);
        });
      `,
      good: `
        const { app } = require('electron');
        app.on('certificate-error', (event, webContents, url, error, certificate, callback) => {
          callback(false);
        });
      `,
    },
  },
});
