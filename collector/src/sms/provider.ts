// One interface for every SMS provider. The outbox row's idempotency key travels with each message:
// providers that dedupe on a key of ours declare `idempotent`, and only those are retried after a
// crash left a message "sending" (see ../campaigns/dispatcher.ts).
export interface SmsMessage {
  to: string; // E.164
  body: string;
  /** Stable across retries, e.g. "abandoned_cart:0:cart_123". */
  idempotencyKey: string;
  /** Numeric id of the outbox row, for providers whose own dedupe key must be a number. */
  outboxId: number;
}

export interface SendResult {
  providerMessageId?: string;
}

export interface SmsProvider {
  readonly name: string;
  /** True when sending the same idempotency key twice cannot reach the phone twice. */
  readonly idempotent: boolean;
  send(message: SmsMessage): Promise<SendResult>;
}

/** A send that failed; `permanent` failures are not retried (bad number, bad credentials). */
export class SmsSendError extends Error {
  /**
   * `maybeSent`: the request may have reached the provider (a timeout or a connection cut after
   * sending), so a provider without idempotency must not be asked again.
   */
  constructor(message: string, readonly permanent: boolean, readonly status?: number, readonly maybeSent = false) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export type FetchLike = typeof fetch;

/** 4xx other than 408/429 will fail the same way again; everything else may pass on a retry. */
export function errorForStatus(provider: string, status: number, detail: string): SmsSendError {
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return new SmsSendError(`${provider}: HTTP ${status}${detail ? `: ${detail.slice(0, 300)}` : ''}`, permanent, status);
}

/** Network errors and timeouts are transient. */
export async function request(provider: string, fetchImpl: FetchLike, url: string, init: RequestInit, timeoutMs = 15_000): Promise<Response> {
  try {
    return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const neverSent = cause?.code === 'ECONNREFUSED' || cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN';
    throw new SmsSendError(`${provider}: ${(error as Error).message}${cause?.code ? ` (${cause.code})` : ''}`, false, undefined, !neverSent);
  }
}
