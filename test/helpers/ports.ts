// An address where nothing listens, for tests of refused connections.
//
// Asking the OS for a free port and closing it races with every other test process: parallel mocha workers (and
// the emulators they start on port 0) may be handed that port a moment later, and the "closed" port answers.
// Ports below 1024 are never handed out for port 0 (the kernel's ephemeral range starts far above), and nothing
// in this project's tests binds one, so a connection to one on loopback is refused.
import * as net from "net";

/** The port used as "nothing listens here". */
export const REFUSED_PORT = 9; // the "discard" service: not run on these machines, and never an ephemeral port

/** `http://127.0.0.1:<port>` where nothing listens; checked once, so a machine that does listen there fails loudly. */
export async function refusedUrl(): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(REFUSED_PORT, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      reject(new Error(`something listens on 127.0.0.1:${REFUSED_PORT}; the refused-connection tests need it free`));
    });
    socket.once("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNREFUSED" ? resolve() : reject(err)));
  });
  return `http://127.0.0.1:${REFUSED_PORT}`;
}
