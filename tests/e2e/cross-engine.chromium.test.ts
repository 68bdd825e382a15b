// The core flows in chromium (tests/e2e/cross-engine.ts).
import { crossEngineSuite } from './cross-engine';

crossEngineSuite('chromium');
