import type { PageFaults } from './page-faults.js';
import type { ShopState } from './shop-state.js';

/** Hono typing for the shop's app: what middleware leaves for the handlers. */
export interface ShopEnv {
  Variables: {
    faults: PageFaults;
  };
}

export interface ShopDeps {
  state: ShopState;
}
