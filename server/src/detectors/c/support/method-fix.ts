// Shared by the OpenSSL method detectors: swap a version-specific `*_method()` for the flexible one
// and, where the context variable is in sight, add `SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION)`
// after it (after its NULL check when there is one): the spec's idiom.
import type { Node } from 'web-tree-sitter';
import { args, callName, callsNamed, indentAt, lineBreak } from '../../../engine/languages/c';
import type { Fix, SourceFile, TextEdit } from '../../../engine/types';

/** `TLSv1_client_method` -> `TLS_client_method`, `DTLSv1_server_method` -> `DTLS_server_method`. */
export function flexibleMethod(name: string): string {
  const dtls = name.startsWith('DTLS');
  const role = /_(client|server)_method$/.exec(name)?.[1];
  return `${dtls ? 'DTLS' : 'TLS'}_${role ? role + '_' : ''}method`;
}

function nullCheckOf(stmt: Node, ctx: string): boolean {
  if (stmt.type !== 'if_statement') return false;
  const cond = stmt.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '';
  const c = ctx.replace(/\s+/g, '');
  return [
    `(!${c})`,
    `(${c}==NULL)`,
    `(NULL==${c})`,
    `(${c}==nullptr)`,
    `(nullptr==${c})`,
    `(${c}==0)`,
    `(!(${c}))`,
  ].includes(cond);
}

/** Where a statement ends, extended past a NULL check of `ctx` right after it, and the statement's indentation. */
export function insertionAfter(
  file: SourceFile,
  stmt: Node,
  ctx: string,
): { at: number; indent: string; eol: string } | undefined {
  if (stmt.parent?.type !== 'compound_statement') return undefined;
  const next = stmt.nextNamedSibling;
  const after = next && nullCheckOf(next, ctx) ? next : stmt;
  return { at: after.endIndex, indent: indentAt(file.text, stmt.startIndex), eol: lineBreak(file) };
}

/** The context variable that `SSL_CTX_new(...)` is stored in, and the statement that does it. */
export function contextOf(ctxNew: Node): { ctx: string; stmt: Node | null } | undefined {
  const holder = ctxNew.parent;
  if (holder?.type === 'init_declarator') {
    let d = holder.childForFieldName('declarator');
    while (d && d.type !== 'identifier') d = d.childForFieldName('declarator');
    return d ? { ctx: d.text, stmt: holder.parent } : undefined;
  }
  if (holder?.type === 'assignment_expression') {
    const left = holder.childForFieldName('left');
    return left
      ? { ctx: left.text, stmt: holder.parent?.type === 'expression_statement' ? holder.parent : null }
      : undefined;
  }
  return undefined;
}

/**
 * The edits that swap `method` (the callee identifier of the `*_method()` call) for the flexible one,
 * plus the min-version line when `SSL_CTX_new(method())` is assigned to a context in a block.
 */
export function methodFix(file: SourceFile, methodCall: Node, legacyTitle: string): Fix | undefined {
  const fn = methodCall.childForFieldName('function');
  if (!fn) return undefined;
  const name = callName(methodCall)!;
  const flexible = flexibleMethod(name);
  const dtls = flexible.startsWith('DTLS');
  const swap: TextEdit = {
    start: fn.type === 'qualified_identifier' ? fn.endIndex - name.length : fn.startIndex,
    end: fn.endIndex,
    newText: flexible,
  };
  const min = dtls ? 'DTLS1_2_VERSION' : 'TLS1_2_VERSION';

  // SSL_CTX_new(TLSv1_method()) -> which context does it make?
  const argList = methodCall.parent;
  const ctxNew = argList?.type === 'argument_list' ? argList.parent : null;
  const found =
    ctxNew?.type === 'call_expression' && callName(ctxNew) === 'SSL_CTX_new' ? contextOf(ctxNew) : undefined;
  const ctx = found?.ctx;
  const title = `Use \`${flexible}()\` with \`SSL_CTX_set_min_proto_version(ctx, ${min})\``;
  if (ctx) {
    const already = callsNamed(file, ['SSL_CTX_set_min_proto_version']).some((c) => args(c)[0]?.text === ctx);
    if (already)
      return {
        title: `Use \`${flexible}()\` (the context already sets a minimum version)`,
        safety: 'safe',
        edits: [swap],
      };
  }
  const where = ctx && found?.stmt ? insertionAfter(file, found.stmt, ctx) : undefined;
  if (ctx && where) {
    return {
      title,
      safety: 'safe',
      edits: [
        swap,
        {
          start: where.at,
          end: where.at,
          newText: `${where.eol}${where.indent}SSL_CTX_set_min_proto_version(${ctx}, ${min});`,
        },
      ],
    };
  }
  return {
    title: `${legacyTitle}\`${flexible}()\` (then set a minimum version of ${min})`,
    safety: 'unsafe',
    edits: [swap],
  };
}
