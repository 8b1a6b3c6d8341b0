// What both clouds' error handling shares: which Node error codes mean the network, not the service,
// and how a provider's message is cut down to one line fit to show and store.

/** Node's socket and DNS errors: the cloud was not reached at all. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

const MAX_MESSAGE = 300;

/** The first line of a message, trimmed and cut to a readable length; `no message` when empty. */
export function oneLine(text: string): string {
  const first = (text.split('\n')[0] ?? '').trim();
  if (!first) return 'no message';
  return first.length > MAX_MESSAGE ? `${first.slice(0, MAX_MESSAGE - 3)}…` : first;
}
