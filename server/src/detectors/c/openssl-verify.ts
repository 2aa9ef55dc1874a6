import type { Node } from 'web-tree-sitter';
import {
  args,
  callName,
  callsNamed,
  callbackBody,
  functionsNamed,
  alwaysReturnsOne,
  intValue,
  orOperands,
  valueText,
  lastName,
} from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { branches, selectingCondition } from './support/options';
import { TRUST_STORE_CALLS } from './support/trust-store';
import { offBranches, optionFieldSets } from './support/mqtt-ssl-options';

type State =
  | { kind: 'mode'; node: Node; peer: string }
  | { kind: 'callback'; node: Node; nullText: string; library?: string }
  | { kind: 'setting'; node: Node };

const VERIFY_RESULT = ['SSL_get_verify_result', 'wolfSSL_get_verify_result'];
const SET_VERIFY = ['SSL_CTX_set_verify', 'SSL_set_verify', 'wolfSSL_CTX_set_verify', 'wolfSSL_set_verify'];
const CERT_CALLBACK = [
  'SSL_CTX_set_cert_verify_callback',
  'X509_STORE_set_verify_cb',
  'X509_STORE_CTX_set_verify_cb',
  'SSL_CTX_set_verify_callback',
];

/** mbedTLS's verify callbacks: `f(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags)`. */
const MBEDTLS_VERIFY = ['mbedtls_ssl_conf_verify', 'mbedtls_ssl_set_verify'];

/**
 * The `return 1` of a verify callback that a flag of the program guards (`if (ignore_cert) return 1;`): an
 * opt-in path (the flag is the related location). A condition that reads the callback's own parameters
 * (`if (preverify_ok) return 1;`, `if (depth > 0) return 1;`) judges the certificate and is not a flag.
 */
function flagGatedAccepts(file: SourceFile, fn: Node): { one: Node; flag: Node }[] {
  const body = fn.childForFieldName('body');
  const params = new Set(
    (fn.childForFieldName('declarator')?.descendantsOfType('parameter_declaration') ?? [])
      .map((p) => p?.descendantsOfType('identifier').at(-1)?.text)
      .filter((n): n is string => !!n),
  );
  const out: { one: Node; flag: Node }[] = [];
  for (const st of body?.namedChildren ?? []) {
    if (st?.type !== 'if_statement' || st.childForFieldName('alternative')) continue;
    let cond = st.childForFieldName('condition');
    while (
      cond &&
      (cond.type === 'parenthesized_expression' || cond.type === 'condition_clause') &&
      cond.namedChildCount === 1
    )
      cond = cond.namedChildren[0];
    if (!cond || !['identifier', 'field_expression'].includes(cond.type)) continue;
    const names = cond.type === 'identifier' ? [cond] : cond.descendantsOfType('identifier');
    if (names.some((n) => n && params.has(n.text))) continue;
    let then = st.childForFieldName('consequence');
    if (then?.type === 'compound_statement') {
      const kids = then.namedChildren.filter((c) => c?.type !== 'comment');
      then = kids.length === 1 ? kids[0] : null;
    }
    const v = then?.type === 'return_statement' ? then.namedChildren.find((c) => c?.type !== 'comment') : undefined;
    if (v && intValue(valueText(file, v)) === 1) out.push({ one: v, flag: cond });
  }
  return out;
}

/**
 * Whether an mbedTLS verify callback clears its flags unconditionally: a statement of its body itself (not
 * under a condition) sets `*flags` (its fourth parameter) to 0. Clearing chosen bits (`*flags &= ~...`), or
 * clearing under a condition, is a judgement of the callback's own.
 */
function clearsAllFlags(fn: Node): boolean {
  const params = fn
    .childForFieldName('declarator')
    ?.descendantsOfType('parameter_list')[0]
    ?.namedChildren.filter((p): p is Node => p?.type === 'parameter_declaration');
  const flags = params?.[3]?.descendantsOfType('identifier').at(-1)?.text;
  const body = fn.childForFieldName('body');
  if (!flags || !body) return false;
  return body.namedChildren.some((st) => {
    const e = st?.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (e?.type !== 'assignment_expression' || e.childForFieldName('operator')?.text !== '=') return false;
    const left = e.childForFieldName('left');
    const right = e.childForFieldName('right');
    return (
      left?.type === 'pointer_expression' &&
      left.childForFieldName('argument')?.text === flags &&
      right?.type === 'number_literal' &&
      /^0[uUlL]*$/.test(right.text)
    );
  });
}

// The rest of the verification idiom: a trust store to verify against (TRUST_STORE_CALLS), and the host name to check.
const HOST_NAME = [
  'SSL_set1_host',
  'SSL_add1_host',
  'X509_VERIFY_PARAM_set1_host',
  'X509_VERIFY_PARAM_add1_host',
  'wolfSSL_check_domain_name',
  'mbedtls_ssl_set_hostname',
  'host_name_verification',
  'rfc2818_verification',
];
const SERVER = [
  'TLS_server_method',
  'SSLv23_server_method',
  'TLSv1_2_server_method',
  'TLSv1_3_server_method',
  'DTLS_server_method',
  'SSL_accept',
  'SSL_set_accept_state',
  'wolfTLS_server_method',
  'wolfSSLv23_server_method',
  'wolfTLSv1_2_server_method',
  'wolfTLSv1_3_server_method',
];

const CLIENT = [
  'SSL_connect',
  'SSL_set_connect_state',
  'SSL_set_tlsext_host_name',
  'SSL_set1_host',
  'BIO_new_ssl_connect',
  'TLS_client_method',
  'SSLv23_client_method',
  'TLSv1_2_client_method',
  'TLSv1_3_client_method',
  'DTLS_client_method',
  'wolfSSL_connect',
  'wolfTLS_client_method',
  'wolfSSLv23_client_method',
];

/**
 * Whether the `set_verify` call configures a server only: the file (or, in a file with both roles, the
 * enclosing function) accepts connections and never connects. There, `SSL_VERIFY_NONE` means "do not ask
 * the client for a certificate", OpenSSL's ordinary server default, not a disabled check.
 */
function serverOnly(file: SourceFile, call: Node): boolean {
  if (!isServerContext(file)) return false;
  if (callsNamed(file, CLIENT).length === 0 && !/MBEDTLS_SSL_IS_CLIENT|stream_base::client/.test(file.text))
    return true;
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  const inFn = (names: readonly string[]) =>
    fn.descendantsOfType('call_expression').some((c) => !!c && names.includes(callName(c) ?? ''));
  return inFn(SERVER) && !inFn(CLIENT);
}

/** A server context: the code accepts connections, so there is no host name to check. */
function isServerContext(file: SourceFile): boolean {
  if (callsNamed(file, SERVER).length > 0) return true;
  return file
    .nodes('identifier', 'qualified_identifier')
    .some((n) =>
      n.type === 'identifier'
        ? n.text === 'MBEDTLS_SSL_IS_SERVER'
        : /^(sslv23|tls|tlsv1[123]?|sslv3)_server$|^server$/.test(lastName(n)) && /\bssl::/.test(n.text),
    );
}

/**
 * Flipping the mode to verify the peer writes the whole idiom only when the file also loads a trust store
 * (else every handshake fails) and checks the host name (else any valid certificate is accepted), or is
 * a server, where host names do not apply.
 */
function verificationIdiomInSight(file: SourceFile): boolean {
  if (callsNamed(file, TRUST_STORE_CALLS).length === 0) return false;
  return isServerContext(file) || callsNamed(file, HOST_NAME).length > 0;
}

/**
 * Whether a call sits under an `if` of its function whose condition is about a pre-shared key
 * (`if (strstr(cipher, "PSK")) SSL_set_verify(ssl, SSL_VERIFY_NONE, cb)`): a PSK suite has no certificate.
 */
function underPskBranch(call: Node): boolean {
  for (let p = call.parent; p && p.type !== 'function_definition'; p = p.parent) {
    const cond = p.type === 'if_statement' ? p.childForFieldName('condition') : null;
    // Every alternative of the condition is about a PSK: `if (cafile || capath || psk)` is entered
    // with certificates too (mosquitto), so it is no PSK-only branch.
    if (cond && disjuncts(cond).every(isPskTest)) return true;
  }
  return false;
}

/** A test that a PSK is in use; `!psk_requested` or `psk == NULL` is the opposite (libcoap's PKI branch). */
function isPskTest(d: Node): boolean {
  if (!/psk/i.test(d.text)) return false;
  if (d.type === 'unary_expression' && d.child(0)?.text === '!') return false;
  // A mask test (`mode & IS_PKI` against `psk_pki_enabled`): the mask names the mode.
  if (d.type === 'binary_expression' && d.childForFieldName('operator')?.text === '&') {
    const mask = [d.childForFieldName('right'), d.childForFieldName('left')].find(
      (x) => x && /^[A-Z][A-Z0-9_]*$/.test(x.text),
    );
    if (mask) return /psk/i.test(mask.text);
  }
  if (d.type === 'binary_expression' && d.childForFieldName('operator')?.text === '==') {
    const other = [d.childForFieldName('left'), d.childForFieldName('right')].find((x) => x && !/psk/i.test(x.text));
    if (other && /^(0|NULL|nullptr|false)$/.test(other.text)) return false;
  }
  return true;
}

/** The operands of a condition's top-level `||` chain (parentheses dropped), else the condition. */
function disjuncts(cond: Node): Node[] {
  let n = cond;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1 && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '||') {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    return [...(l ? disjuncts(l) : []), ...(r ? disjuncts(r) : [])];
  }
  return [n];
}

/** The function a node sits in, if any. */
function enclosingFunction(node: Node): Node | null {
  let fn: Node | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  return fn;
}

/**
 * Whether a helper function of the file, called from this call's function, sets the same configuration's
 * mode again, possibly to REQUIRED
 * (libcoap's `setup_pki_credentials` decides from the caller's `verify_peer_cert`): the provisional mode
 * set before calling it has no effect of its own.
 */
function authmodeRequiredElsewhere(file: SourceFile, call: Node): boolean {
  const conf = args(call)[0]?.text.replace(/\s+/g, '');
  const own = enclosingFunction(call);
  if (!own) return false;
  const called = new Set(own.descendantsOfType('call_expression').map((c) => (c ? callName(c) : undefined)));
  return callsNamed(file, ['mbedtls_ssl_conf_authmode']).some((other) => {
    const a = args(other);
    const helper = enclosingFunction(other);
    const helperName = helper?.childForFieldName('declarator')?.text.match(/^\**\s*(\w+)\s*\(/)?.[1];
    return (
      helper?.id !== own.id &&
      !!helperName &&
      called.has(helperName) &&
      a[0]?.text.replace(/\s+/g, '') === conf &&
      !!a[1] &&
      branches(a[1]).some((b) => valueText(file, b) === 'MBEDTLS_SSL_VERIFY_REQUIRED')
    );
  });
}

/** The flag a condition tests: its last name (`enable_verify` in `rk->rk_conf.ssl.enable_verify`). */
function flagName(cond: Node): string | undefined {
  const names = [cond, ...cond.descendantsOfType(['identifier', 'field_identifier'])].filter(
    (n): n is Node => !!n && (n.type === 'identifier' || n.type === 'field_identifier'),
  );
  return names.length > 0 ? names[names.length - 1].text : undefined;
}

/**
 * Whether the read-back `call` (`SSL_get_verify_result`) is skipped when `flag` is off: it sits under an
 * `if` that tests the flag, or its function returns early on a test of the flag before it
 * (librdkafka: `if (!conf.enable_verify) return 0;` then `SSL_get_verify_result`).
 */
function gatedBy(call: Node, flag: string): boolean {
  const mentions = (n: Node | null | undefined) =>
    !!n && n.descendantsOfType(['identifier', 'field_identifier']).some((d) => d?.text === flag);
  for (let p = call.parent; p; p = p.parent) {
    if (p.type === 'if_statement' && mentions(p.childForFieldName('condition'))) return true;
    if (p.type === 'function_definition') {
      const body = p.childForFieldName('body');
      for (const st of body?.namedChildren ?? []) {
        if (!st || st.startIndex >= call.startIndex) break;
        if (
          st.type === 'if_statement' &&
          mentions(st.childForFieldName('condition')) &&
          st.childForFieldName('consequence')?.descendantsOfType('return_statement').length
        )
          return true;
      }
      return false;
    }
  }
  return false;
}

/**
 * Whether the file reads the verification result back on the path where `mode` is in force: always when
 * the mode is unconditional; when a flag selects `SSL_VERIFY_NONE`, only if some read-back does not
 * depend on that same flag (else turning the flag off skips both the verification and the check).
 */
function resultReadBack(file: SourceFile, mode: Node): boolean {
  const reads = callsNamed(file, VERIFY_RESULT);
  if (reads.length === 0) return false;
  const cond = selectingCondition(mode);
  const flag = cond && flagName(cond);
  if (!flag) return true;
  return reads.some((r) => !gatedBy(r, flag));
}

function isVerifyNone(file: SourceFile, node: Node): boolean {
  const v = valueText(file, node);
  return v === 'SSL_VERIFY_NONE' || v === 'WOLFSSL_VERIFY_NONE' || intValue(v) === 0;
}

export const detector = defineDetector<State | undefined>({
  id: 'c.openssl-verify',
  summary: 'OpenSSL peer verification turned off.',
  docs: `
    OpenSSL peer verification turned off: \`SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, ...)\`, a verify
    callback that returns 1 whatever happened, Boost.Asio's \`set_verify_mode(ssl::verify_none)\`, and the
    same switch in the OpenSSL-like libraries: wolfSSL's \`wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, 0)\`
    and mbedTLS's \`mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE)\` (or a verify callback given to
    \`mbedtls_ssl_conf_verify\` that sets \`*flags = 0\` whatever they hold; clearing chosen bits, or under a
    condition, is the callback's own judgement), Eclipse Paho MQTT's
    \`ssl_opts.enableServerCertAuth = 0\` (\`MQTTClient_SSLOptions\`, \`MQTTAsync_SSLOptions\`), librdkafka's
    \`rd_kafka_conf_set(conf, "enable.ssl.certificate.verification", "false", ...)\` (C++ \`conf->set(...)\`), also passed through a wrapper
    of the SDK (\`my_ssl_config_new(&cert, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_VERIFY_NONE)\`). Not under an
    \`if\` about a pre-shared key (PSK suites carry no certificate), and not \`MBEDTLS_SSL_VERIFY_OPTIONAL\`
    when the same configuration is also set to REQUIRED.
    A ternary whose branch is \`SSL_VERIFY_NONE\` (or \`MBEDTLS_SSL_VERIFY_NONE\`) is reported at that branch, and a
    verify callback that returns 1 early when a flag of the program holds (\`if (ignore_cert) return 1;\`) at that
    \`return\`, as an opt-in path; a condition on the callback's own parameters (\`preverify_ok\`) is not a flag.
    Code that reads the result back with \`SSL_get_verify_result\` verifies after the handshake and is not
    reported, whether it set \`SSL_VERIFY_NONE\` or a callback that logs and returns 1 (nginx), unless the flag that
    selects \`SSL_VERIFY_NONE\` also skips every read-back (\`if (!conf->enable_verify) return 0;\` before it). A server that never connects
    is not: there \`SSL_VERIFY_NONE\` only means the client is not asked for a certificate.
    The fix that asks for verification is safe only when the file also loads a trust store
    (\`SSL_CTX_set_default_verify_paths\`, \`SSL_CTX_load_verify_locations\`, ...) and checks the host name
    (\`SSL_set1_host\`, \`X509_VERIFY_PARAM_set1_host\`, ...), or is a server; otherwise it needs review.
  `,
  rule: 'cert-verification-disabled',
  languages: ['c', 'cpp'],
  apis: [
    'SSL_CTX_set_verify',
    'SSL_set_verify',
    'wolfSSL_CTX_set_verify',
    'mbedtls_ssl_conf_authmode',
    'mbedtls_ssl_conf_verify',
    'mbedtls_ssl_set_verify',
    'SSL_CTX_set_cert_verify_callback',
    'X509_STORE_set_verify_cb',
    'MQTTClient_SSLOptions.enableServerCertAuth',
    'rd_kafka_conf_set(enable.ssl.certificate.verification)',
    'boost::asio::ssl::context::set_verify_mode',
    'boost::asio::ssl::stream::set_verify_callback',
  ],
  tokens: [
    '_verify',
    'verify_cb',
    'authmode',
    // A wrapper of the SDK given the mode (the file may name no mbedTLS function).
    'MBEDTLS_SSL_VERIFY_',
    'enableServerCertAuth',
    'enable.ssl.certificate.verification',
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const nullText = file.language === 'cpp' ? 'nullptr' : 'NULL';
    // A wrapper of the SDK given the mode (`wm_mbedtls_ssl_config_new(&cert, MBEDTLS_SSL_IS_CLIENT,
    // MBEDTLS_SSL_VERIFY_NONE)`): the constant has one meaning whatever function passes it on.
    if (file.text.includes('MBEDTLS_SSL_VERIFY_NONE')) {
      for (const call of file.nodes('call_expression')) {
        const name = callName(call);
        if (!name || name === 'mbedtls_ssl_conf_authmode') continue;
        const a = args(call);
        const none = a.find((x) => x.text === 'MBEDTLS_SSL_VERIFY_NONE');
        if (!none || a.some((x) => x.text === 'MBEDTLS_SSL_IS_SERVER')) continue;
        if (!a.some((x) => x.text === 'MBEDTLS_SSL_IS_CLIENT') && serverOnly(file, call)) continue;
        report({
          node: none,
          message: `\`${name}\` is given \`MBEDTLS_SSL_VERIFY_NONE\`: the peer's certificate is not verified.`,
          flag: selectingCondition(none),
        });
      }
    }
    // Eclipse Paho's `ssl_opts.enableServerCertAuth = 0`: the client library then leaves OpenSSL's
    // default SSL_VERIFY_NONE in force.
    for (const set of optionFieldSets(file, ['enableServerCertAuth'])) {
      for (const off of offBranches(file, set.value)) {
        const ternary = off.id !== set.value.id;
        report({
          node: ternary ? off : set.node,
          message: "`enableServerCertAuth` is set to 0: the MQTT client does not verify the server's certificate.",
          flag: ternary ? selectingCondition(off) : undefined,
        });
      }
    }
    // librdkafka: `rd_kafka_conf_set(conf, "enable.ssl.certificate.verification", "false", ...)` and the
    // C++ `conf->set(...)`: the key, then its value, as strings.
    if (file.text.includes('enable.ssl.certificate.verification')) {
      for (const call of file.nodes('call_expression')) {
        if (!/(^|_)set$/.test(callName(call) ?? '')) continue;
        const a = args(call);
        const k = a.findIndex((x) => x.type === 'string_literal' && x.text === '"enable.ssl.certificate.verification"');
        const v = k >= 0 ? a[k + 1] : undefined;
        if (!v) continue;
        for (const off of branches(v)) {
          if (!/^"(false|0)"$/i.test(valueText(file, off) ?? '')) continue;
          report({
            node: off,
            message:
              "librdkafka's `enable.ssl.certificate.verification` is set to false: the broker's certificate is not verified.",
            flag: selectingCondition(off),
            state: { kind: 'setting', node: off },
          });
        }
      }
    }
    for (const call of callsNamed(file, [
      ...SET_VERIFY,
      ...CERT_CALLBACK,
      'mbedtls_ssl_conf_authmode',
      ...MBEDTLS_VERIFY,
      'set_verify_mode',
      'set_verify_callback',
    ])) {
      const name = callName(call);
      if (!name) continue;
      const a = args(call);
      if (SET_VERIFY.includes(name) && a.length >= 2) {
        // `SSL_CTX_set_verify(ctx, verify ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, cb)`: each branch.
        const none = branches(a[1]).filter((b) => isVerifyNone(file, b));
        if (none.length > 0) {
          // With SSL_VERIFY_NONE OpenSSL still verifies and records the result: code that reads it back
          // (`SSL_get_verify_result`) checks the chain itself, after the handshake.
          if (serverOnly(file, call) || underPskBranch(call)) continue;
          for (const mode of none) {
            if (resultReadBack(file, mode)) continue;
            const peer =
              name.startsWith('wolfSSL') && valueText(file, mode) === 'WOLFSSL_VERIFY_NONE'
                ? 'WOLFSSL_VERIFY_PEER'
                : 'SSL_VERIFY_PEER';
            report({
              node: mode,
              message: `\`${name}\` is called with \`${peer.replace('PEER', 'NONE')}\`: the peer's certificate is not verified.`,
              flag: selectingCondition(mode),
              state: { kind: 'mode', node: mode, peer },
            });
          }
          continue;
        }
        const cb = callbackBody(file, a[2]);
        // A callback that only logs and returns 1 defers the decision: nginx reads the result back with
        // `SSL_get_verify_result` after the handshake.
        if (a[2] && cb && alwaysReturnsOne(file, cb) && callsNamed(file, VERIFY_RESULT).length === 0) {
          report({
            node: a[2],
            message: `The verify callback given to \`${name}\` returns 1 for every certificate: verification errors are ignored.`,
            state: { kind: 'callback', node: a[2], nullText },
          });
        } else if (cb && callsNamed(file, VERIFY_RESULT).length === 0) {
          for (const { one, flag } of flagGatedAccepts(file, cb))
            report({
              node: one,
              message: `The verify callback given to \`${name}\` returns 1 when \`${flag.text}\` holds: verification errors are then ignored.`,
              flag,
            });
        }
      } else if (name === 'mbedtls_ssl_conf_authmode' && a.length >= 2) {
        // `mbedtls_ssl_conf_authmode(conf, named ? OPTIONAL : NONE)`: each branch.
        for (const mode of branches(a[1])) {
          const v = valueText(file, mode);
          // OPTIONAL carries on after a failed verification unless the result is read back.
          const optionalUnchecked =
            v === 'MBEDTLS_SSL_VERIFY_OPTIONAL' &&
            !file.text.includes('mbedtls_ssl_get_verify_result') &&
            !authmodeRequiredElsewhere(file, call);
          if (v !== 'MBEDTLS_SSL_VERIFY_NONE' && !optionalUnchecked) continue;
          report({
            node: mode,
            message: optionalUnchecked
              ? '`mbedtls_ssl_conf_authmode` is called with `MBEDTLS_SSL_VERIFY_OPTIONAL` and the verification result is never read: failed verifications are ignored.'
              : "`mbedtls_ssl_conf_authmode` is called with `MBEDTLS_SSL_VERIFY_NONE`: the peer's certificate is not verified.",
            flag: selectingCondition(mode),
            state: { kind: 'mode', node: mode, peer: 'MBEDTLS_SSL_VERIFY_REQUIRED' },
          });
        }
      } else if (MBEDTLS_VERIFY.includes(name) && a.length >= 2) {
        // mbedTLS: a verify callback that clears `*flags` whatever they hold accepts every certificate.
        // The callback by its name may be defined once per `#ifdef` branch (an OpenSSL one beside it): any
        // definition with mbedTLS's four parameters.
        const named = a[1].type === 'identifier' ? functionsNamed(file, a[1].text) : [];
        const cbs = named.length ? named : [callbackBody(file, a[1])];
        if (cbs.some((cb) => cb && clearsAllFlags(cb))) {
          report({
            node: a[1],
            message: `The verify callback given to \`${name}\` clears every verification flag (\`*flags = 0\`): any certificate is accepted.`,
            state: { kind: 'callback', node: a[1], nullText, library: 'mbedTLS' },
          });
        }
      } else if (CERT_CALLBACK.includes(name) && a.length >= 2) {
        const cb = callbackBody(file, a[1]);
        if (cb && alwaysReturnsOne(file, cb)) {
          report({
            node: a[1],
            message: `The callback given to \`${name}\` returns 1 for every certificate: the chain is accepted without verification.`,
          });
        } else if (cb) {
          for (const { one, flag } of flagGatedAccepts(file, cb))
            report({
              node: one,
              message: `The callback given to \`${name}\` returns 1 when \`${flag.text}\` holds: the chain is then accepted without verification.`,
              flag,
            });
        }
      } else if (
        name === 'set_verify_mode' &&
        call.childForFieldName('function')?.type === 'field_expression' &&
        a.length >= 1
      ) {
        // Boost.Asio: ctx.set_verify_mode(boost::asio::ssl::verify_none) on a context or a stream.
        const ops = orOperands(a[0]);
        const none = ops.find(
          (o) => (o.type === 'qualified_identifier' || o.type === 'identifier') && lastName(o) === 'verify_none',
        );
        if (none) {
          const peer = none.text.replace(/verify_none$/, 'verify_peer');
          report({
            node: none,
            message: "`set_verify_mode` is called with `verify_none`: the peer's certificate is not verified.",
            state: { kind: 'mode', node: none, peer },
          });
        }
      } else if (
        name === 'set_verify_callback' &&
        call.childForFieldName('function')?.type === 'field_expression' &&
        a.length >= 1
      ) {
        const cb = callbackBody(file, a[0]);
        if (cb && alwaysReturnsOne(file, cb)) {
          report({
            node: a[0],
            message:
              'The callback given to `set_verify_callback` returns true for every certificate: verification errors are ignored.',
          });
        }
      }
    }
  },
  fix(file, r) {
    const s = r.state;
    if (!s) return undefined;
    if (s.kind === 'setting') {
      return {
        title: 'Verify the broker certificate (`"true"`)',
        safety: 'unsafe',
        edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: '"true"' }],
      };
    }
    if (s.kind === 'mode') {
      // Safe only when the whole idiom is in sight (trust store and host name); otherwise review.
      return {
        title: `Verify the peer (\`${s.peer}\`)`,
        safety: verificationIdiomInSight(file) ? 'safe' : 'unsafe',
        edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.peer }],
      };
    }
    return {
      title: `Use ${s.library ?? 'OpenSSL'}'s own verification (callback \`${s.nullText}\`)`,
      safety: 'unsafe',
      edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.nullText }],
    };
  },
  examples: {
    c: {
      bad: `
        #include <openssl/ssl.h>
        void f(SSL_CTX *ctx) { SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); }
      `,
      good: `
        #include <openssl/ssl.h>
        void f(SSL_CTX *ctx) { SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL); }
      `,
    },
  },
});
