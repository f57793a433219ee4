// Starts the NetDsl language server for .net files. The server is a .NET program: the extension carries it in
// server/ (built from src/LanguageServer) and runs it with the user's dotnet; netdsl.server.path picks another one.
import * as path from 'path';
import { ExtensionContext, window, workspace } from 'vscode';
import { Executable, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** How to start the server: a .dll runs under dotnet, anything else is an executable. */
export function serverCommand(serverPath: string, dotnet: string): Executable {
  return serverPath.toLowerCase().endsWith('.dll')
    ? { command: dotnet, args: [serverPath], transport: TransportKind.stdio }
    : { command: serverPath, args: [], transport: TransportKind.stdio };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const settings = workspace.getConfiguration('netdsl');
  const configured = settings.get<string>('server.path', '').trim();
  const dotnet = settings.get<string>('dotnet.path', 'dotnet').trim() || 'dotnet';
  const serverPath = configured || context.asAbsolutePath(path.join('server', 'NetDsl.LanguageServer.dll'));
  const executable = serverCommand(serverPath, dotnet);
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'netdsl' }],
    // Blocks are shared between the .net files of a project: the server hears of files created, changed or deleted on disk.
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.net') },
  };
  client = new LanguageClient('netdsl', 'NetDsl', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    window.showErrorMessage(`NetDsl: the language server did not start (${executable.command} ${(executable.args ?? []).join(' ')}): ${error}. ` +
      'It needs .NET 8 or newer; set netdsl.dotnet.path or netdsl.server.path.');
  }
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
