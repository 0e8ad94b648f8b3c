// Never bundled (nothing imports it): it makes `tsc` prove that both suffix files export what
// index.d.ts and region-picker.d.ts promise, since Taro swaps them in behind the type checker's back.
import type * as declared from './index';
import type * as h5 from './index.h5';
import type * as weapp from './index.weapp';
import type * as regionDeclared from './region-picker';
import type * as regionH5 from './region-picker.h5';
import type * as regionWeapp from './region-picker.weapp';

type Conforms<M> = M extends typeof declared ? true : false;
type RegionConforms<M> = M extends typeof regionDeclared ? true : false;

export const platformModulesConform: [Conforms<typeof weapp>, Conforms<typeof h5>] = [true, true];
export const regionPickersConform: [
  RegionConforms<typeof regionWeapp>,
  RegionConforms<typeof regionH5>,
] = [true, true];
