import type { WhoamiInput, WhoamiOutput } from './whoami';

/**
 * Every cloud function by its deployed name, with what it takes and what it returns in `data`.
 * The client's `callFunction` and each function's handler are typed from this one map.
 */
export interface FunctionApi {
  whoami: { input: WhoamiInput; output: WhoamiOutput };
}

export type FunctionName = keyof FunctionApi;
export type FunctionInput<N extends FunctionName> = FunctionApi[N]['input'];
export type FunctionOutput<N extends FunctionName> = FunctionApi[N]['output'];
