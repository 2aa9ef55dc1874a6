// A small HTTPS client and server in Node.js.
const https = require('https');
const tls = require('tls');

const agent = new https.Agent({ rejectUnauthorized: false });

function fetchStatus(url, done) {
  https.get(url, { agent }, (res) => done(res.statusCode));
}

const server = tls.createServer({ minVersion: 'TLSv1', key: process.env.KEY, cert: process.env.CERT });

module.exports = { fetchStatus, server };
