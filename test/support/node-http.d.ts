/**
 * The slice of `node:http` that test/support/target-server.ts uses. The project type-checks
 * against Workers types only (no @types/node), and the target server runs in Node, so these
 * few declarations stand in for @types/node.
 */
declare module "node:http" {
  interface IncomingMessage extends AsyncIterable<Uint8Array> {
    method?: string;
    url?: string;
    headers: Record<string, string | string[] | undefined>;
  }
  interface ServerResponse {
    writableEnded: boolean;
    destroyed: boolean;
    writeHead(status: number, headers?: Record<string, string>): ServerResponse;
    end(body?: string): ServerResponse;
    once(event: "close", listener: () => void): ServerResponse;
  }
  interface Server {
    listen(port: number, host: string, callback: () => void): Server;
    once(event: "error", listener: (error: Error) => void): Server;
    address(): { port: number } | string | null;
    close(callback: () => void): Server;
    closeAllConnections(): void;
  }
  function createServer(listener: (req: IncomingMessage, res: ServerResponse) => void): Server;
}
