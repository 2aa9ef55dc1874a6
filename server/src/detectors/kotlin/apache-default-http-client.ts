import { calls, callNameRange } from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';

const TYPES = ['DefaultHttpClient', 'ContentEncodingHttpClient', 'DecompressingHttpClient'];

export const detector = defineDetector({
  id: 'kotlin.apache-default-http-client',
  summary: 'Apache HttpClient 4 in Kotlin.',
  docs: `
    Apache HttpClient 4 in Kotlin: \`DefaultHttpClient()\` is deprecated since 4.3, with its own legacy SSL
    socket factory; the builder API (\`HttpClients.createDefault()\`) replaces it. No fix: the declared
    types around it decide whether the replacement fits.
  `,
  rule: 'deprecated-api',
  languages: ['kotlin'],
  apis: ['org.apache.http.impl.client.DefaultHttpClient'],
  tokens: TYPES,
  fixAvailability: 'none',
  detect(file, report) {
    for (const c of calls(file)) {
      // A constructor call: no receiver, or the package written out (`org.apache...DefaultHttpClient()`).
      if (!TYPES.includes(c.name) || (c.receiver && !/^[a-z][\w.]*$/.test(c.receiver.text))) continue;
      report({
        range: callNameRange(c),
        message: `\`${c.name}\` is deprecated since HttpClient 4.3, with a legacy SSL socket factory: build clients with \`HttpClients\`.`,
      });
    }
  },
  examples: {
    kotlin: {
      bad: `
        import org.apache.http.client.HttpClient
        import org.apache.http.impl.client.DefaultHttpClient

        val client: HttpClient = DefaultHttpClient()
      `,
      good: `
        import org.apache.http.impl.client.CloseableHttpClient
        import org.apache.http.impl.client.HttpClients

        val client: CloseableHttpClient = HttpClients.createDefault()
      `,
    },
  },
});
