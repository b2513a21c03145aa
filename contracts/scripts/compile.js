// Compiles contracts/src/*.sol with the npm solc (JS API) into target/solidity/<Name>.abi/.bin
// and target/solidity/combined.json. Pinned: solc from package-lock.json, evmVersion cancun.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'src');
const outDir = path.join(root, 'target', 'solidity');
const EVM_VERSION = 'cancun';

// src/*.sol are the product; src/verifier/*.sol the one-step verifier (the kernel's Solidity twin); src/testing/*.sol
// are fixtures the tests deploy (e.g. a re-entering payee).
const sources = {};
for (const dir of ['', 'verifier', 'testing']) {
  for (const f of fs.readdirSync(path.join(srcDir, dir)).filter((f) => f.endsWith('.sol')).sort()) {
    const key = dir ? dir + '/' + f : f;
    sources[key] = { content: fs.readFileSync(path.join(srcDir, key), 'utf8') };
  }
}
const OPTIMIZER = { enabled: true, runs: 200 };
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: OPTIMIZER,
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
function findImports(p) {
  const f = path.join(srcDir, path.normalize(p));
  return fs.existsSync(f) ? { contents: fs.readFileSync(f, 'utf8') } : { error: 'not found: ' + p };
}
const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
let failed = false;
for (const e of out.errors || []) {
  const line = (e.formattedMessage || e.message).trim();
  if (e.severity === 'error') { failed = true; console.error(line); } else { console.warn(line); }
}
if (failed) process.exit(1);
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const combined = { solcVersion: solc.version(), evmVersion: EVM_VERSION, optimizer: OPTIMIZER, contracts: {} };
let n = 0;
for (const file of Object.keys(out.contracts).sort()) {
  for (const name of Object.keys(out.contracts[file]).sort()) {
    const c = out.contracts[file][name];
    const bin = c.evm.bytecode.object;
    if (!bin || !c.abi.some((x) => x.type === 'function')) continue; // interfaces, internal-only libraries
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), bin);
    combined.contracts[name] = { abi: c.abi, bin, runtimeSize: c.evm.deployedBytecode.object.length / 2 };
    n++;
  }
}
fs.writeFileSync(path.join(outDir, 'combined.json'), JSON.stringify(combined));
console.log('solc ' + solc.version() + ' (evm ' + EVM_VERSION + '): ' + n + ' contracts -> ' + path.relative(process.cwd(), outDir));
