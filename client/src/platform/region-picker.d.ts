// What `import { RegionPicker } from '../platform/region-picker'` gives the type checker; at build
// time Taro resolves the same import to region-picker.weapp.tsx or region-picker.h5.tsx.
import type { ReactElement } from 'react';
import type { RegionPickerProps } from './contract';

export type { RegionPick, RegionPickerProps, RegionValue } from './contract';

export declare function RegionPicker(props: RegionPickerProps): ReactElement;
