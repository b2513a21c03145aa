// External metrics subscriber for MetricsNodeClientTest: connects with Node's `ws` package,
// prints every received text frame on its own line, and exits after COUNT messages.
// usage: node client.js ws://127.0.0.1:PORT COUNT
'use strict';
const WebSocket = require('ws');

const [url, countArg] = process.argv.slice(2);
const count = Number.parseInt(countArg, 10);
if (!url || !Number.isInteger(count) || count < 1) {
  console.error('usage: node client.js ws://host:port COUNT');
  process.exit(2);
}
let received = 0;
const ws = new WebSocket(url);
const timer = setTimeout(() => {
  console.error(`timeout: received ${received} of ${count}`);
  process.exit(3);
}, 60000);
ws.on('open', () => console.error('open'));
ws.on('message', (data, isBinary) => {
  if (isBinary) {
    console.error('unexpected binary frame');
    process.exit(4);
  }
  process.stdout.write(data.toString('utf8') + '\n');
  received += 1;
  if (received === count) {
    clearTimeout(timer);
    ws.close(1000);
  }
});
ws.on('close', (code) => {
  console.error(`closed ${code}`);
  process.exit(received === count ? 0 : 5);
});
ws.on('error', (err) => {
  console.error(`error: ${err.message}`);
  process.exit(6);
});
