import { confModel, type ConfDirective } from '../../engine/languages/conf';
import { lineBreakOf } from '../../engine/text';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ listen: ConfDirective; indent: string; lineBreak: string }>({
  id: 'nginx.listen-ssl-defaults',
  summary: 'An nginx server that terminates TLS (`listen ... ssl`) with no ssl_protocols in sight.',
  docs: `
    An nginx server that terminates TLS (\`listen ... ssl\`) with no ssl_protocols in sight: nginx before
    1.23.4 then enables TLS 1.0 and 1.1 by default.
  `,
  rule: 'insecure-default-context',
  languages: ['nginx'],
  apis: ['listen ... ssl', 'ssl_protocols'],
  tokens: ['ssl'],
  fixAvailability: 'always',
  detect(file, report) {
    const { directives } = confModel(file);
    // Anything that may set protocols where we cannot see it (an included snippet) counts as tightening.
    const tightens = (d: ConfDirective) =>
      d.name === 'ssl_protocols' || (d.name === 'include' && /ssl|tls/i.test(d.args.map((a) => a.value).join(' ')));
    const inScope = (d: ConfDirective, server: number) => {
      // In this server block, or outside every server block (http or main context).
      for (let p = d.parent; p >= 0; p = directives[p].parent) if (p === server) return true;
      return !d.blocks.includes('server');
    };
    for (const listen of directives) {
      if (listen.name !== 'listen' || !listen.args.some((a) => a.value === 'ssl' || a.value === 'quic')) continue;
      const server = listen.parent;
      if (server < 0 || directives[server].name !== 'server') continue;
      if (directives.some((d) => tightens(d) && inScope(d, server))) continue;
      const ssl = listen.args.find((a) => a.value === 'ssl' || a.value === 'quic')!;
      const lineStart = file.text.lastIndexOf('\n', listen.start - 1) + 1;
      const indent = /^[ \t]*/.exec(file.text.slice(lineStart))![0];
      report({
        range: { start: ssl.start, end: ssl.end },
        message: '`listen ... ssl` without `ssl_protocols`: nginx before 1.23.4 then also enables TLS 1.0 and 1.1.',
        state: { listen, indent, lineBreak: lineBreakOf(file.text) },
      });
    }
  },
  fix(_file, r) {
    const { listen, indent, lineBreak } = r.state;
    return {
      title: 'Add `ssl_protocols TLSv1.2 TLSv1.3;`',
      safety: 'safe',
      edits: [{ start: listen.end, end: listen.end, newText: `${lineBreak}${indent}ssl_protocols TLSv1.2 TLSv1.3;` }],
    };
  },
  examples: {
    nginx: {
      bad: `
        server {
            listen 443 ssl;
            ssl_certificate cert.pem;
        }
      `,
      good: `
        server {
            listen 443 ssl;
            ssl_protocols TLSv1.2 TLSv1.3;
            ssl_certificate cert.pem;
        }
      `,
    },
  },
});
