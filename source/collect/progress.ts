// Which services of an account are being read right now, so a screen can show a long live scan moving
// instead of one spinner for a minute.

export type ServiceState = 'reading' | 'done';
export type ServiceProgress = (service: string, state: ServiceState) => void;

/** Runs one service's collection, reporting when it starts and when it ends (failed ones end too). */
export async function tracked<T>(
  report: ServiceProgress | undefined,
  service: string,
  work: () => Promise<T>,
): Promise<T> {
  report?.(service, 'reading');
  try {
    return await work();
  } finally {
    report?.(service, 'done');
  }
}
