// Runs the code exchange. The session keeps it to one at a time.
import { exchangeBody, exchangeUrl, interpretExchange, type ExchangeRequest, type ExchangeResult } from '../wire/exchange';
import { callApi, type ApiOptions } from './http';

export type ExchangerOptions = ApiOptions;

/** Never throws: a network error, a blocked request or the timeout become a retryable failure. */
export async function exchangeCode(options: ApiOptions, request: ExchangeRequest): Promise<ExchangeResult> {
  return interpretExchange(
    // Only Content-Type: any other header would need OpenRouter's CORS allow-list.
    await callApi(options, exchangeUrl(options.origin), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: exchangeBody(request),
    }),
    [request.code, request.codeVerifier],
  );
}
