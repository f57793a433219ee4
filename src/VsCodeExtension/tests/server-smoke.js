// Starts the server the .vsix carries (server/) as the extension does, over stdio, and speaks to it with
// vscode-jsonrpc, the JSON-RPC library of VS Code's own language client: initialize, a document with an error,
// a hover with its shape, shutdown and exit.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const rpc = require('vscode-jsonrpc/node');

async function main() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netdsl-smoke-'));
  const file = path.join(folder, 'Net.net');
  const text = 'network Net {\n  input [3, 32, 32]\n  conv(16, 3, stride: 2, padding: 1) |> flatten\n  linear(10, in: 5)\n}\n';
  fs.writeFileSync(file, text);
  const uri = 'file://' + file;
  const server = spawn(process.env.DOTNET || 'dotnet', [path.join(__dirname, '..', 'server', 'NetDsl.LanguageServer.dll')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  const published = new Promise((resolve) => connection.onNotification('textDocument/publishDiagnostics', (p) => { if (p.uri === uri) resolve(p); }));
  connection.listen();
  const timer = setTimeout(() => { console.error('server-smoke: no answer within 60 s'); process.exit(1); }, 60000);

  const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: 'file://' + folder, capabilities: {} });
  if (!init.capabilities.hoverProvider || !init.capabilities.inlayHintProvider) throw new Error('capabilities missing: ' + JSON.stringify(init));
  connection.sendNotification('initialized', {});
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'netdsl', version: 1, text } });
  const diagnostics = (await published).diagnostics;
  if (diagnostics.length !== 1 || diagnostics[0].code !== 'ND0208' || diagnostics[0].range.start.line !== 3) throw new Error('diagnostics: ' + JSON.stringify(diagnostics));
  const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: text.split('\n')[2].indexOf('flatten') } });
  if (!hover.contents.value.includes('**[4096]**')) throw new Error('hover: ' + JSON.stringify(hover));
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  const code = await new Promise((resolve) => server.on('exit', resolve));
  clearTimeout(timer);
  fs.rmSync(folder, { recursive: true, force: true });
  if (code !== 0) throw new Error('server exit code ' + code);
  console.log('server-smoke: the packaged server answered initialize, diagnostics and hover, and exited');
}

main().catch((error) => { console.error('server-smoke: ' + (error.stack || error)); process.exit(1); });
