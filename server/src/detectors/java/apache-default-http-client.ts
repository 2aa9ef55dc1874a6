import type { Node } from 'web-tree-sitter';
import { simpleTypeName } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';

const TYPES = ['DefaultHttpClient', 'ContentEncodingHttpClient', 'DecompressingHttpClient'];

export const detector = defineDetector<{ creation: Node; fixable: boolean }>({
  id: 'java.apache-default-http-client',
  summary: 'Apache HttpClient 4.',
  docs: `
    Apache HttpClient 4: \`new DefaultHttpClient()\` is deprecated since 4.3, with its own legacy SSL
    socket factory; the builder API (\`HttpClients.createDefault()\`) replaces it. The fix is offered
    where the result is held as an \`HttpClient\`/\`CloseableHttpClient\`, so the type still fits.
  `,
  rule: 'deprecated-api',
  languages: ['java'],
  apis: ['org.apache.http.impl.client.DefaultHttpClient'],
  tokens: ['DefaultHttpClient', 'ContentEncodingHttpClient', 'DecompressingHttpClient'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const n of file.nodes('object_creation_expression')) {
      const type = simpleTypeName(n.childForFieldName('type'));
      if (!type || !TYPES.includes(type) || n.namedChildren.some((c) => c?.type === 'class_body')) continue;
      const args =
        n
          .childForFieldName('arguments')
          ?.namedChildren.filter((a) => a && a.type !== 'line_comment' && a.type !== 'block_comment') ?? [];
      const decl = n.parent?.type === 'variable_declarator' ? n.parent.parent : undefined;
      const declared = decl ? simpleTypeName(decl.childForFieldName('type')) : undefined;
      const fixable =
        type === 'DefaultHttpClient' &&
        args.length === 0 &&
        (declared === 'HttpClient' || declared === 'CloseableHttpClient');
      report({
        node: n.childForFieldName('type') ?? n,
        message: `\`${type}\` is deprecated since HttpClient 4.3, with a legacy SSL socket factory: build clients with \`HttpClients\`.`,
        state: { creation: n, fixable },
      });
    }
  },
  fix(file, r) {
    const { creation, fixable } = r.state;
    if (!fixable) return undefined;
    const imported = file
      .nodes('import_declaration')
      .some((i) => /org\.apache\.http\.impl\.client\.(HttpClients|\*)\s*;/.test(i.text));
    return {
      title: 'Use `HttpClients.createDefault()`',
      safety: 'safe',
      edits: [
        {
          start: creation.startIndex,
          end: creation.endIndex,
          newText: `${imported ? '' : 'org.apache.http.impl.client.'}HttpClients.createDefault()`,
        },
      ],
    };
  },
  examples: {
    java: {
      bad: `
        import org.apache.http.client.HttpClient;
        import org.apache.http.impl.client.DefaultHttpClient;

        class C {
          HttpClient client = new DefaultHttpClient();
        }
      `,
      good: `
        import org.apache.http.client.HttpClient;
        import org.apache.http.impl.client.HttpClients;

        class C {
          HttpClient client = HttpClients.createDefault();
        }
      `,
    },
  },
});
