/**
 * One place that scrubs credentials out of text before it leaves the provider: every error message the client
 * builds and every log line goes through `redact`. The Buddy token can turn up in places we do not control
 * (a proxy or server echoing request headers in an error body, a network error quoting a URL), so redaction is
 * applied to the finished text, not to the pieces we think might contain it.
 */

/** Marker that replaces a secret. Deliberately not a prefix/suffix of the secret. */
export const REDACTED = "[redacted]";

/** `Authorization: Bearer <anything token-like>` in any casing, e.g. echoed request headers. */
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/=:%]+/gi;

/**
 * The secrets one process has met, and the text scrubbed of them. The provider process has one (`registerSecret` and
 * `redact` below): a token or a resource's secret, once seen, is scrubbed from every message of the process, whoever
 * sends it. A test of the rules themselves builds its own.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remember a value that must never appear in any message. Empty values are ignored. */
  register(value: string | undefined): void {
    if (value) this.secrets.add(value);
  }

  /** `text` with every registered secret (plus `extra`) and every `Bearer ...` credential replaced. */
  redact(text: string, extra: readonly (string | undefined)[] = []): string {
    let out = text.replace(BEARER, `Bearer ${REDACTED}`);
    const all = new Set<string>(this.secrets);
    for (const e of extra) if (e) all.add(e);
    // Longest first across every secret, not per secret: a secret that holds another (a kubeconfig and one of its
    // lines, both registered) must go whole, or what the shorter one leaves of it stays readable.
    const forms = [...new Set([...all].flatMap(variants))].sort((a, b) => b.length - a.length);
    for (const form of forms) {
      // A real Buddy token is long and is replaced wherever it occurs. A very short value (only ever seen in
      // tests or by mistake) is replaced where it stands as a word of its own, so that "t" does not turn every
      // message into confetti while `token=t` or `Bearer t` is still scrubbed.
      out = form.length >= SHORT ? out.split(form).join(REDACTED) : out.replace(wordPattern(form), REDACTED);
    }
    return out;
  }
}

/** The process's secrets (the configured token, every client's token, every resource's secret values). */
const processSecrets = new Redactor();

/** Remember a value that must never appear in any message of this process. Empty values are ignored. */
export function registerSecret(value: string | undefined): void {
  processSecrets.register(value);
}

const SHORT = 8;

function wordPattern(form: string): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9_\\-])${escaped}(?![A-Za-z0-9_\\-])`, "g");
}

/** The forms a secret can take once it has passed through a URL or a JSON body. */
function variants(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(encodeURIComponent(secret));
  forms.add(JSON.stringify(secret).slice(1, -1));
  // Longest first, so a longer form is not half-replaced by a shorter one it contains.
  return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/** `text` with every secret of this process (plus `extra`) and every `Bearer ...` credential replaced. */
export function redact(text: string, extra: readonly (string | undefined)[] = []): string {
  return processSecrets.redact(text, extra);
}
