// The core flows in webkit (tests/e2e/cross-engine.ts).
import { crossEngineSuite } from './cross-engine';

crossEngineSuite('webkit');
