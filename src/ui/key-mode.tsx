// Everything "Mint with my API key" needs in the page, in one lazily loaded chunk. The sender
// comes along, so pressing Mint sends at once instead of fetching it first.
import '../flow/create-code';

export { checkKeys, describeCreateCodeRequest } from '../wire/create-code';
export { snippets } from '../wire/snippets';
export { KeyFields } from './KeyFields';
export { RequestView } from './RequestView';
