// The core flows in webkit (tests/e2e/cross-engine.ts), the back/forward-cache flow included.
// WebKitWebDriver now and then never answered a command that was in flight while a page went Back,
// so the flows' back() and forward() (tests/e2e/engines.ts) leave the navigation to the page and
// send no command until it is long over.
import { crossEngineSuite } from './cross-engine';

crossEngineSuite('webkit');
