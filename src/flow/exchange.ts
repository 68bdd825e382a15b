// Runs the code exchange. The session keeps it to one at a time.
import { buildExchangeRequest, interpretExchange, type ExchangeRequest, type ExchangeResult } from '../wire/exchange';
import { callApi, type ApiOptions } from './http';

/** Never throws: a network error, a blocked request or the timeout become a retryable failure. */
export async function exchangeCode(options: ApiOptions, request: ExchangeRequest): Promise<ExchangeResult> {
  const { url, ...init } = buildExchangeRequest(options.origin, request);
  return interpretExchange(await callApi(options, url, init), [request.code, request.codeVerifier]);
}
