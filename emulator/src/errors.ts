/**
 * Errors the emulator returns in the TCB envelope `{code, message}`. The codes and message texts
 * follow production (cloudbase-wire-protocol.md §2) so the SDK maps them to the same errCodes.
 */
export class TcbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TcbError';
  }
}

const SUFFIX = 'Please check your request, but if the problem cannot be solved, contact us.';

export const tcbErrors = {
  collectionNotExist: () =>
    new TcbError(
      'DATABASE_COLLECTION_NOT_EXIST',
      `[ResourceNotFound] Db or Table not exist. ${SUFFIX}`,
    ),
  collectionAlreadyExist: () =>
    new TcbError(
      'DATABASE_COLLECTION_ALREADY_EXIST',
      `[ResourceUnavailable.ResourceExist] Table exist. ${SUFFIX}`,
    ),
  duplicateKey: (collection: string, index: string, key: string) =>
    new TcbError(
      'DATABASE_REQUEST_FAILED',
      `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
    ),
  transactionConflict: () =>
    new TcbError(
      'DATABASE_TRANSACTION_CONFLICT',
      `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${SUFFIX}`,
    ),
  transactionFail: (why: string) =>
    new TcbError('DATABASE_TRANSACTION_FAIL', `[FailedOperation.Transaction] ${why}. ${SUFFIX}`),
  invalidParam: (why: string) => new TcbError('INVALID_PARAM', `[InvalidParameter] ${why}`),
  invalidOperator: (why: string) =>
    new TcbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter.InvalidOperator] ${why}`),
  signatureInvalid: (why: string) =>
    new TcbError('SIGN_PARAM_INVALID', `[AuthFailure.SignatureFailure] ${why}`),
  unknownAction: (action: string) =>
    new TcbError('INVALID_PARAM', `[InvalidParameter.Action] unknown action: ${action}`),
  functionNotFound: (name: string) =>
    new TcbError(
      'FUNCTIONS_EXECUTE_FAIL',
      `[ResourceNotFound.Function] function ${name} not found, build it with npm run build:functions`,
    ),
  functionFailed: (message: string) => new TcbError('FUNCTIONS_EXECUTE_FAIL', message),
  storageFileNotExist: () => new TcbError('STORAGE_FILE_NONEXIST', 'storage file not exists'),
  storageInvalidPath: (why: string) =>
    new TcbError('STORAGE_REQUEST_FAIL', `[InvalidParameter] ${why}`),
};
