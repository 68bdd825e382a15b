// Runs the code exchange over fetch, bounded by a timeout. The session keeps it to one at a time.
import {
  exchangeBody,
  exchangeUrl,
  interpretExchange,
  networkFailure,
  type ExchangeRequest,
  type ExchangeResult,
} from '../wire/exchange';

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface ExchangerOptions {
  origin: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type Exchanger = (request: ExchangeRequest) => Promise<ExchangeResult>;

export function createExchanger({ origin, fetch: doFetch = fetch, timeoutMs = DEFAULT_TIMEOUT_MS }: ExchangerOptions): Exchanger {
  async function send(request: ExchangeRequest): Promise<ExchangeResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await doFetch(exchangeUrl(origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: exchangeBody(request),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        redirect: 'error',
        signal: controller.signal,
      });
      const text = await response.text();
      return interpretExchange(response.status, text, response.headers.get('Retry-After'), [
        request.code,
        request.codeVerifier,
      ]);
    } catch {
      return networkFailure(controller.signal.aborted ? 'timeout' : 'network');
    } finally {
      clearTimeout(timer);
    }
  }

  return send;
}
