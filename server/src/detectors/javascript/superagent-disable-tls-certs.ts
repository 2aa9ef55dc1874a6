import { callArguments } from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

interface State {
  /** The `.disableTLSCerts()` text to cut out of the chain. */
  start: number;
  end: number;
}

export const detector = defineDetector<State>({
  id: 'javascript.superagent-disable-tls-certs',
  summary: "superagent's `.disableTLSCerts()`, which turns certificate verification off for the request.",
  docs: `
    superagent's \`.disableTLSCerts()\`, which turns certificate verification off for the request.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['superagent.Request.disableTLSCerts', 'supertest'],
  tokens: ['disableTLSCerts'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('call_expression')) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'member_expression') continue;
      const prop = fn.childForFieldName('property');
      const obj = fn.childForFieldName('object');
      if (prop?.text !== 'disableTLSCerts' || !obj || callArguments(call).length > 0) continue;
      report({
        range: { start: prop.startIndex, end: call.endIndex },
        message: '`disableTLSCerts()` turns off certificate verification for this superagent request.',
        state: { start: obj.endIndex, end: call.endIndex },
      });
    }
  },
  fix(_file, r) {
    // Every superagent request method returns the request, so the chain reads the same without it.
    const { start, end } = r.state;
    return { title: 'Remove `.disableTLSCerts()`', safety: 'safe', edits: [{ start, end, newText: '' }] };
  },
  examples: {
    javascript: {
      bad: `
        const superagent = require('superagent');
        superagent.get('https://example.com').disableTLSCerts().end(cb);
      `,
      good: `
        const superagent = require('superagent');
        superagent.get('https://example.com').ca(caCert).end(cb);
      `,
    },
  },
});
