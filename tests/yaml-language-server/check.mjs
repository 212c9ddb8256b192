// Drives the real yaml-language-server over stdio, as VS Code's YAML extension does, and prints what it says about
// the given documents as JSON: the diagnostics of each, and the completion items at one position.
//
//   node check.mjs REQUEST.json     where REQUEST = { documents: [{ path, text }], completion: { path, line, character } }
//
// Each document's text carries its own "# yaml-language-server: $schema=…" modeline, resolved against its path.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL, fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const here = dirname(fileURLToPath(import.meta.url));
const server = spawn(process.execPath, [join(here, "node_modules", "yaml-language-server", "bin", "yaml-language-server"), "--stdio"], {
  stdio: ["pipe", "pipe", "inherit"],
});

let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
let buffer = Buffer.alloc(0);

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}

function call(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

const settings = { yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false }, format: { enable: false } } };

function onMessage(message) {
  if (message.id !== undefined && pending.has(message.id) && message.method === undefined) {
    const { resolve, reject } = pending.get(message.id);
    pending.delete(message.id);
    return message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result);
  }
  if (message.method === "textDocument/publishDiagnostics") {
    diagnostics.set(message.params.uri, message.params.diagnostics);
    return;
  }
  if (message.id !== undefined) {
    // Requests from the server: answer configuration with our settings, anything else with null.
    const result = message.method === "workspace/configuration"
      ? message.params.items.map((item) => (item.section ? settings[item.section] ?? null : settings))
      : null;
    send({ id: message.id, result });
  }
}

server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString("ascii"))[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
    buffer = buffer.subarray(headerEnd + 4 + length);
    onMessage(JSON.parse(body));
  }
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForDiagnostics(uris, timeoutMs) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (uris.every((uri) => diagnostics.has(uri))) {
      await sleep(500); // let a late, refined publication replace an early one
      return;
    }
    await sleep(50);
  }
  throw new Error(`no diagnostics for ${uris.filter((uri) => !diagnostics.has(uri)).join(", ")} within ${timeoutMs} ms`);
}

try {
  const root = pathToFileURL(request.root).href;
  await call("initialize", {
    processId: process.pid,
    rootUri: root,
    capabilities: {
      workspace: { configuration: true },
      textDocument: { completion: { completionItem: { snippetSupport: false } }, publishDiagnostics: {} },
    },
  });
  send({ method: "initialized", params: {} });
  send({ method: "workspace/didChangeConfiguration", params: { settings } });

  const uris = [];
  for (const document of request.documents) {
    const uri = pathToFileURL(document.path).href;
    uris.push(uri);
    send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "yaml", version: 1, text: document.text } } });
  }
  await waitForDiagnostics(uris, 30000);

  let completion = [];
  if (request.completion) {
    const result = await call("textDocument/completion", {
      textDocument: { uri: pathToFileURL(request.completion.path).href },
      position: { line: request.completion.line, character: request.completion.character },
    });
    completion = (Array.isArray(result) ? result : result?.items ?? []).map((item) => item.label);
  }

  const report = {
    documents: request.documents.map((document) => ({
      path: document.path,
      diagnostics: (diagnostics.get(pathToFileURL(document.path).href) ?? []).map((d) => ({
        line: d.range.start.line,
        character: d.range.start.character,
        message: d.message,
      })),
    })),
    completion,
  };
  process.stdout.write(JSON.stringify(report));
  await call("shutdown", null);
  send({ method: "exit" });
  process.exit(0);
} catch (error) {
  process.stderr.write(`check.mjs: ${error.message}\n`);
  server.kill();
  process.exit(1);
}
