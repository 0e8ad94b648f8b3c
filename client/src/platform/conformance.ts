// Never bundled (nothing imports it): it makes `tsc` prove that both suffix files export what
// index.d.ts promises, since Taro swaps them in behind the type checker's back.
import type * as declared from './index';
import type * as h5 from './index.h5';
import type * as weapp from './index.weapp';

type Conforms<M> = M extends typeof declared ? true : false;

export const platformModulesConform: [Conforms<typeof weapp>, Conforms<typeof h5>] = [true, true];
