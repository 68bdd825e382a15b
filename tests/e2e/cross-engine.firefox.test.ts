// The core flows in firefox (tests/e2e/cross-engine.ts).
import { crossEngineSuite } from './cross-engine';

crossEngineSuite('firefox');
