import type { ActionName, ActionOutput, ActionRequest, RouterName } from './actions';
import type { WhoamiInput, WhoamiOutput } from './whoami';

type RouterFunctions = {
  [R in RouterName]: {
    input: { [A in ActionName<R>]: ActionRequest<R, A> }[ActionName<R>];
    output: { [A in ActionName<R>]: ActionOutput<R, A> }[ActionName<R>];
  };
};

/**
 * Every cloud function by its deployed name, with what it takes and what it returns in `data`.
 * Router functions (grids, members, households, people) take `{ action, ...input }`; the client's
 * `callAction` narrows their output per action through ActionOutputs.
 */
export interface FunctionApi extends RouterFunctions {
  whoami: { input: WhoamiInput; output: WhoamiOutput };
}

export type FunctionName = keyof FunctionApi;
export type FunctionInput<N extends FunctionName> = FunctionApi[N]['input'];
export type FunctionOutput<N extends FunctionName> = FunctionApi[N]['output'];
