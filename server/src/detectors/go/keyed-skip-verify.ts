import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';
import { isTrue } from '../../engine/languages/go';

/**
 * Option keys that mean "skip certificate verification" when set to true, compared without case and
 * separators: `tls_insecure_skip_verify` (go-nsq), `tls-skip-verify`, `insecure-skip-tls-verify`
 * (kubeconfig), `skip_ssl_verify`.
 */
const SKIP_VERIFY = /^(?:tls|ssl)?(?:insecure)?skip(?:tls|ssl)?(?:cert)?verif(?:y|ication)$/;

/** Methods that set one option of a string-keyed configuration (go-nsq `Config.Set`, viper `Set`/`SetDefault`). */
const SETTERS = new Set(['Set', 'SetDefault']);

function keyOf(node: Node | undefined): string | undefined {
  if (node?.type !== 'interpreted_string_literal' && node?.type !== 'raw_string_literal') return undefined;
  return node.text.slice(1, -1);
}

export const detector = defineDetector({
  id: 'go.keyed-skip-verify',
  summary:
    'A string-keyed configuration told to skip certificate verification: `cfg.Set("tls_insecure_skip_verify", true)`.',
  docs: `
    A string-keyed configuration told to skip certificate verification: go-nsq's
    \`cfg.Set("tls_insecure_skip_verify", true)\`, viper's \`Set\`/\`SetDefault\` with
    \`insecure-skip-tls-verify\`, \`tls-skip-verify\` or \`skip_ssl_verify\` set to true (or "true").
    The library turns it into \`InsecureSkipVerify\` where this file cannot see it.
  `,
  rule: 'cert-verification-disabled',
  languages: ['go'],
  apis: ['github.com/nsqio/go-nsq.Config.Set', 'github.com/spf13/viper.Set'],
  tokens: ['skip_verify', 'skip-verify', 'skip_tls_verify', 'skip-tls-verify', 'skip_ssl_verify', 'skip-ssl-verify'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const call of file.nodes('call_expression')) {
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
      if (!method || !SETTERS.has(method)) continue;
      const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
        (a): a is Node => !!a && a.type !== 'comment',
      );
      const key = keyOf(args[0]);
      if (!key || args.length !== 2 || !SKIP_VERIFY.test(key.toLowerCase().replace(/[-_.]/g, ''))) continue;
      const value = args[1];
      if (!isTrue(file, value) && keyOf(value) !== 'true') continue;
      report({
        node: call,
        message: `\`${fn!.text}("${key}", ${value.text})\` turns certificate verification off: the server's certificate chain and host name are not verified.`,
      });
    }
  },
  examples: {
    go: {
      bad: `
        package main

        import nsq "github.com/nsqio/go-nsq"

        func config() *nsq.Config {
        	cfg := nsq.NewConfig()
        	cfg.Set("tls_insecure_skip_verify", true)
        	return cfg
        }
      `,
      good: `
        package main

        import nsq "github.com/nsqio/go-nsq"

        func config() *nsq.Config {
        	cfg := nsq.NewConfig()
        	cfg.Set("tls_root_ca_file", "/etc/ssl/nsq-ca.pem")
        	return cfg
        }
      `,
    },
  },
});
