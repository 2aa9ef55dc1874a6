import { CODE_LANGUAGES } from '../../engine/cmdline';
import { defineDetector } from '../../engine/detector';
import type { Range } from '../../engine/types';
import { connectionOptions, isTrueWord, normalKey } from './support/options';

const KEYS = new Set(['tlsallowinvalidhostnames', 'sslallowinvalidhostnames']);

export const detector = defineDetector<{ value: Range; text: string }>({
  id: 'connstr.allow-invalid-hostnames',
  summary: 'MongoDB URIs with `tlsAllowInvalidHostnames=true`: the certificate is not matched to the host.',
  docs: `
    MongoDB connection URIs written as text (a string literal, a YAML value, a .env file) with
    \`tlsAllowInvalidHostnames=true\` (or the older \`sslAllowInvalidHostnames=true\`): the server's certificate
    is not matched to the host name it was reached by.
  `,
  rule: 'hostname-verification-disabled',
  languages: [...CODE_LANGUAGES, 'yaml', 'dotenv'],
  apis: ['MongoDB URI tlsAllowInvalidHostnames', 'MongoDB URI sslAllowInvalidHostnames'],
  tokens: ['AllowInvalidHostnames'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const o of connectionOptions(file)) {
      if (!KEYS.has(normalKey(o.key)) || !isTrueWord(o.value)) continue;
      report({
        range: o.range,
        message: `\`${o.key}=${o.value}\` in a connection URI: the server certificate is not matched to the host name.`,
        state: { value: o.valueRange, text: o.value === '1' ? '0' : 'false' },
      });
    }
  },
  fix(_file, r) {
    const s = r.state;
    return { title: `Check the host name (\`${s.text}\`)`, safety: 'safe', edits: [{ ...s.value, newText: s.text }] };
  },
  examples: {
    python: {
      // tlslint-disable-next-line hostname-verification-disabled -- this detector's own example
      bad: `client = MongoClient("mongodb://db.example.com/?tls=true&tlsAllowInvalidHostnames=true")`,
      good: `
        client = MongoClient("mongodb://db.example.com/?tls=true")
      `,
    },
  },
});
