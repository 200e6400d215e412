import * as fs from "fs";
import * as path from "path";

/**
 * Crash-safe file replacement: the data file is only ever replaced whole, by rename, after the new content is on
 * disk. A `kill -9` (or power loss) at any point leaves either the old file or the new one, never a torn one:
 *   1. write the full content to a temporary file in the SAME directory (rename is only atomic within a filesystem),
 *   2. fsync it (content durable before the name points at it),
 *   3. rename it over the data file,
 *   4. fsync the directory (the rename itself durable).
 * Synchronous on purpose: the caller answers the HTTP request only after this returns, so every acknowledged write
 * is on disk, and writes cannot interleave.
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const data = Buffer.from(content, "utf8");
  // 0600: the file holds the emulator's tokens.
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    let offset = 0;
    while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch (err) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is then as durable as the OS makes it.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EACCES") throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Reads the data file; undefined when it does not exist. Also removes temporary files a killed run left behind. */
export function readDataFile(file: string): string | undefined {
  removeStaleTemporaries(file);
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

function removeStaleTemporaries(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(".tmp")) {
      try {
        fs.unlinkSync(path.join(dir, name));
      } catch {
        // another process may have renamed it meanwhile; nothing to clean then
      }
    }
  }
}
