import type { Node } from 'web-tree-sitter';
import {
  elementValue,
  goString,
  isTrue,
  keyedElements,
  stringKeyedElements,
  tlsConfigLiterals,
} from '../../engine/languages/go';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/**
 * Struct types of client libraries that carry their own switch (not crypto/tls's, which
 * go.tls-insecure-skip-verify reads): client-go `rest.TLSClientConfig{Insecure: true}`, Vault
 * `api.TLSConfig{Insecure: true}`, Consul `api.TLSConfig{InsecureSkipVerify: true}`, docker/go-connections
 * `tlsconfig.Options{InsecureSkipVerify: true}`. Only another package's type: a file's own struct that copies
 * the field name is its own business.
 */
const STRUCTS = /^\w+\.(TLSClientConfig|TLSConfig|TLSOptions)$|^tlsconfig\.Options$/;
/** `Insecure` alone is a TLS switch only on a TLS struct (elsewhere it often means plain HTTP). */
const TLS_STRUCTS = /(^|\.)(TLSClientConfig|TLSConfig)$/;

/**
 * Keys of a string-keyed configuration that mean "skip certificate verification" when set to true,
 * compared without case and separators: go-nsq's `tls_insecure_skip_verify` (either spelling `Config.Set`
 * accepts), viper's `insecure-skip-tls-verify`, `tls-skip-verify`, `skip_ssl_verify`.
 */
const SKIP_VERIFY_KEY = /^(?:tls|ssl)?(?:insecure)?skip(?:tls|ssl)?(?:cert)?verif(?:y|ication)$/;

/** Methods that set one option of a string-keyed configuration (go-nsq `Config.Set`, viper `Set`/`SetDefault`). */
const KEY_SETTERS = new Set(['Set', 'SetDefault']);

/** librdkafka's key (confluent-kafka-go `kafka.ConfigMap`). */
const RDKAFKA_KEY = 'enable.ssl.certificate.verification';

function isFalse(node: Node | undefined): boolean {
  return node?.type === 'false' || goString(node) === 'false';
}

interface State {
  value: Node;
  secure: string;
}

function literalHits(
  file: SourceFile,
  literal: Node,
  report: (r: { node: Node; message: string; state: State }) => void,
) {
  const type = literal.childForFieldName('type');
  const typeName = type?.text ?? '';
  if (typeName === 'tls.Config' || tlsConfigLiterals(file).includes(literal)) return;
  const fields = keyedElements(literal);
  // go-sql-driver/mysql: `mysql.Config{TLSConfig: "skip-verify"}`.
  const tlsConfig = fields.get('TLSConfig');
  const tlsValue = tlsConfig && elementValue(tlsConfig);
  if (tlsConfig && tlsValue && goString(tlsValue) === 'skip-verify')
    report({
      node: tlsConfig,
      message: `\`${typeName}\` sets \`TLSConfig: "skip-verify"\`: the MySQL server's certificate is not verified.`,
      state: { value: tlsValue, secure: '"true"' },
    });
  if (!STRUCTS.test(typeName)) return;
  for (const name of TLS_STRUCTS.test(typeName) ? ['Insecure', 'InsecureSkipVerify'] : ['InsecureSkipVerify']) {
    const el = fields.get(name);
    const value = el && elementValue(el);
    if (!el || !value || !isTrue(file, value)) continue;
    report({
      node: el,
      message: `\`${typeName}\` sets \`${name}: ${value.text}\`: the client accepts any server certificate.`,
      state: { value, secure: 'false' },
    });
  }
}

export const detector = defineDetector<State>({
  id: 'go.client-insecure-option',
  summary: "Go client libraries' own switches that turn certificate verification off.",
  docs: `
    Go client libraries' own switches that turn certificate verification off: client-go
    \`rest.TLSClientConfig{Insecure: true}\`, Vault \`api.TLSConfig{Insecure: true}\`, Consul
    \`api.TLSConfig{InsecureSkipVerify: true}\` and other libraries' \`TLSConfig\`/\`Options\` structs that copy
    crypto/tls's field, the Go MySQL driver's \`TLSConfig: "skip-verify"\` (also written as
    \`cfg.TLSConfig = "skip-verify"\`), and librdkafka's \`"enable.ssl.certificate.verification": false\` in a
    confluent-kafka-go \`ConfigMap\` or \`SetKey\` call, and a string-keyed configuration told to skip
    verification: go-nsq's \`cfg.Set("tls_insecure_skip_verify", true)\`, viper's \`Set\`/\`SetDefault\` of
    \`insecure-skip-tls-verify\`, \`tls-skip-verify\` or \`skip_ssl_verify\`. crypto/tls's own \`tls.Config\` is
    go.tls-insecure-skip-verify's.
  `,
  rule: 'cert-verification-disabled',
  languages: ['go'],
  apis: [
    'k8s.io/client-go/rest.TLSClientConfig',
    'github.com/hashicorp/vault/api.TLSConfig',
    'mysql.Config',
    'kafka.ConfigMap',
  ],
  tokens: [
    'Insecure',
    'insecure',
    'skip-verify',
    'skip_verify',
    'skip_tls_verify',
    'skip_ssl_verify',
    'skip-ssl-verify',
    RDKAFKA_KEY,
  ],
  fixAvailability: 'always',
  detect(file, report) {
    for (const literal of file.nodes('composite_literal')) {
      literalHits(file, literal, report);
      // `kafka.ConfigMap{"enable.ssl.certificate.verification": false}`: a map literal keyed by strings.
      for (const { el, key, value } of stringKeyedElements(literal)) {
        if (key === RDKAFKA_KEY && value && isFalse(value))
          report({
            node: el,
            message: `\`"${RDKAFKA_KEY}": ${value.text}\`: librdkafka accepts any broker certificate.`,
            state: { value, secure: value.type === 'false' ? 'true' : '"true"' },
          });
      }
    }
    for (const st of file.nodes('assignment_statement')) {
      const left = st.childForFieldName('left')?.namedChildren ?? [];
      const right = st.childForFieldName('right')?.namedChildren ?? [];
      if (left.length !== 1 || right.length !== 1 || left[0]?.type !== 'selector_expression' || !right[0]) continue;
      const field = left[0].childForFieldName('field')?.text;
      const value = right[0];
      if (field === 'TLSConfig' && goString(value) === 'skip-verify')
        report({
          node: st,
          message: '`TLSConfig` is set to `"skip-verify"`: the MySQL server\'s certificate is not verified.',
          state: { value, secure: '"true"' },
        });
      // `config.TLSClientConfig.Insecure = true` (client-go's rest.Config).
      const operand = left[0].childForFieldName('operand');
      if (field === 'Insecure' && operand && /(^|\.)TLSClientConfig$/.test(operand.text) && isTrue(file, value))
        report({
          node: st,
          message: `\`${left[0].text}\` is set to \`${value.text}\`: the client accepts any server certificate.`,
          state: { value, secure: 'false' },
        });
    }
    // `configMap.SetKey("enable.ssl.certificate.verification", false)`, go-nsq `cfg.Set("tls_insecure_skip_verify", true)`.
    for (const call of file.nodes('call_expression')) {
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
      if (method !== 'SetKey' && !KEY_SETTERS.has(method ?? '')) continue;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      const value = args[1] ?? undefined;
      const key = goString(args[0] ?? undefined);
      if (
        KEY_SETTERS.has(method ?? '') &&
        args.length === 2 &&
        key &&
        SKIP_VERIFY_KEY.test(key.toLowerCase().replace(/[-_.]/g, '')) &&
        value &&
        (value.type === 'true' || goString(value) === 'true')
      )
        report({
          node: call,
          message: `\`${fn!.text}("${key}", ${value.text})\`: the client accepts any server certificate.`,
          state: { value, secure: value.type === 'true' ? 'false' : '"false"' },
        });
      if (key === RDKAFKA_KEY && value && isFalse(value))
        report({
          node: call,
          message: `\`SetKey("${RDKAFKA_KEY}", ${value.text})\`: librdkafka accepts any broker certificate.`,
          state: { value, secure: value.type === 'false' ? 'true' : '"true"' },
        });
    }
  },
  fix(_file, r) {
    const { value, secure } = r.state;
    return {
      title: `Verify the server certificate (\`${secure}\`)`,
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: secure }],
    };
  },
  examples: {
    go: {
      bad: `
        package main

        import "k8s.io/client-go/rest"

        var cfg = &rest.Config{Host: "https://api.example.com", TLSClientConfig: rest.TLSClientConfig{Insecure: true}}
      `,
      good: `
        package main

        import "k8s.io/client-go/rest"

        var cfg = &rest.Config{Host: "https://api.example.com", TLSClientConfig: rest.TLSClientConfig{CAFile: "/etc/k8s/ca.crt"}}
      `,
    },
  },
});
