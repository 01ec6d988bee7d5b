/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { Operations1 } from "./operations-1";
import type { Operations2 } from "./operations-2";
import type { Operations3 } from "./operations-3";
import type { Operations4 } from "./operations-4";
import type { Operations5 } from "./operations-5";
import type { Operations6 } from "./operations-6";
import type { Operations7 } from "./operations-7";
import type { Operations8 } from "./operations-8";
import type { Operations9 } from "./operations-9";
import type { Operations10 } from "./operations-10";
import type { Operations11 } from "./operations-11";
import type { Operations12 } from "./operations-12";
import type { Operations13 } from "./operations-13";
import type { Operations14 } from "./operations-14";
import type { Operations15 } from "./operations-15";

export interface operations
  extends Operations1,
    Operations2,
    Operations3,
    Operations4,
    Operations5,
    Operations6,
    Operations7,
    Operations8,
    Operations9,
    Operations10,
    Operations11,
    Operations12,
    Operations13,
    Operations14,
    Operations15 {}
