// Shared by the SslPolicyErrors detectors: a validation callback that treats one kind of policy error as
// success, e.g. `errors == SslPolicyErrors.None || errors == SslPolicyErrors.RemoteCertificateNameMismatch`,
// `if (errors == SslPolicyErrors.RemoteCertificateChainErrors) return true;`, or masks it out with
// `errors & ~SslPolicyErrors.RemoteCertificateNameMismatch`.
import type { Node } from 'web-tree-sitter';
import { lastName } from '../../../engine/languages/csharp';
import { defineDetector } from '../../../engine/detector';
import type { Detector, RuleId } from '../../../engine/types';

function isTrueReturn(n: Node | null | undefined): boolean {
  if (!n) return false;
  if (n.type === 'block') return n.namedChildren.length >= 1 && isTrueReturn(n.namedChildren[0]);
  return (
    n.type === 'return_statement' &&
    n.namedChildren[0]?.type === 'boolean_literal' &&
    n.namedChildren[0].text === 'true'
  );
}

/** What a callback reads when it validates the chain itself: its status, elements, pins or raw bytes. */
const OWN_CHECK = /ChainStatus|ChainElements|ChainPolicy|\.Build\s*\(|Thumbprint|GetCertHash|RawData|SequenceEqual/;

/**
 * Whether an error is cleared only under the callback's own check of the chain (`if (chain.ChainStatus[0]
 * .Status == UntrustedRoot && root matches the configured CA) errors &= ~RemoteCertificateChainErrors`):
 * a custom verification, not an acceptance of anything.
 */
function underOwnCheck(member: Node): boolean {
  for (let p = member.parent; p; p = p.parent) {
    if (/method_declaration|lambda_expression|anonymous_method_expression|local_function_statement/.test(p.type))
      return false;
    if (p.type !== 'if_statement' && p.type !== 'foreach_statement') continue;
    const cond = p.childForFieldName('condition') ?? p.childForFieldName('right');
    if (cond && OWN_CHECK.test(cond.text)) return true;
  }
  return false;
}

/** Whether the policy-error member, compared with `==` (or HasFlag), makes the callback return true. */
function accepted(member: Node): boolean {
  const p = member.parent;
  if (p?.type === 'prefix_unary_expression' && p.text.trim().startsWith('~')) return !underOwnCheck(member);
  let cmp: Node | null = null;
  if (p?.type === 'binary_expression' && p.childForFieldName('operator')?.text === '==') cmp = p;
  if (p?.type === 'argument' && lastName(p.parent?.parent?.childForFieldName('function')) === 'HasFlag')
    cmp = p.parent!.parent!;
  if (!cmp) return false;
  // Climb through `||` and parentheses: the value that reaches a return, an expression body or an if.
  let n: Node = cmp;
  for (;;) {
    const up = n.parent;
    if (!up) return false;
    if (
      up.type === 'parenthesized_expression' ||
      (up.type === 'binary_expression' && up.childForFieldName('operator')?.text === '||')
    ) {
      n = up;
      continue;
    }
    if (up.type === 'return_statement' || up.type === 'arrow_expression_clause') return true;
    if (up.type === 'lambda_expression' && up.childForFieldName('body')?.id === n.id) return true;
    if (up.type === 'if_statement' && up.childForFieldName('condition')?.id === n.id)
      return isTrueReturn(up.childForFieldName('consequence'));
    return false;
  }
}

/** Settings that list the policy errors a connection tolerates (RabbitMQ's `SslOption.AcceptablePolicyErrors`). */
const TOLERATED = /(Accept|Allow|Ignor|Tolerat)\w*PolicyErrors$/;

/**
 * The assignment that puts the member into a tolerated-errors setting (`Ssl.AcceptablePolicyErrors =
 * SslPolicyErrors.RemoteCertificateNameMismatch | ...`, also `|=` and object initializers), or undefined.
 */
function toleratedBy(member: Node): Node | undefined {
  let n: Node = member;
  for (let up = n.parent; up; n = up, up = up.parent) {
    if (up.type === 'parenthesized_expression') continue;
    if (up.type === 'binary_expression' && up.childForFieldName('operator')?.text === '|') continue;
    if (up.type !== 'assignment_expression' || up.childForFieldName('right')?.id !== n.id) return undefined;
    const op = up.childForFieldName('operator')?.text ?? up.children.find((c) => c && /^\|?=$/.test(c.type))?.type;
    if (op !== undefined && op !== '=' && op !== '|=') return undefined;
    return TOLERATED.test(lastName(up.childForFieldName('left')) ?? '') ? up : undefined;
  }
  return undefined;
}

interface PolicyErrorSpec {
  id: string;
  rule: RuleId;
  summary: string;
  docs: string;
  /** The SslPolicyErrors members a callback must not accept. */
  members: string[];
  /** What accepting them lets through, for the message. */
  what: string;
}

export function policyErrorDetector({ id, rule, summary, docs, members, what }: PolicyErrorSpec): Detector {
  return defineDetector({
    id,
    summary,
    docs,
    rule,
    languages: ['csharp'],
    apis: members.map((m) => `System.Net.Security.SslPolicyErrors.${m}`),
    tokens: members,
    fixAvailability: 'none',
    detect(file, report) {
      const settings = new Set<number>();
      for (const m of file.nodes('member_access_expression')) {
        const name = lastName(m);
        if (!name || !members.includes(name) || lastName(m.childForFieldName('expression')) !== 'SslPolicyErrors')
          continue;
        const setting = toleratedBy(m);
        if (setting) {
          // One finding a setting, at its name (`AcceptablePolicyErrors =` may stand above a `|` chain).
          if (settings.has(setting.id)) continue;
          settings.add(setting.id);
          const left = setting.childForFieldName('left')!;
          report({ node: left, message: `\`${left.text}\` tolerates \`SslPolicyErrors.${name}\`: ${what}.` });
        } else if (accepted(m)) {
          report({ node: m, message: `The validation callback accepts \`SslPolicyErrors.${name}\`: ${what}.` });
        }
      }
    },
    examples: {
      csharp: {
        bad: `
          using System.Net;
          using System.Net.Security;
          class A { void F() { ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => e == SslPolicyErrors.None || e == SslPolicyErrors.${members[0]}; } }
        `,
        good: `
          using System.Net;
          using System.Net.Security;
          class A { void F() { ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => e == SslPolicyErrors.None; } }
        `,
      },
    },
  });
}
