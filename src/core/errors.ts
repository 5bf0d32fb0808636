// The catalogue of PN_ERR_* codes for configuration and programming faults (attacker input never throws).
// docs/errors.md lists the same codes; a test keeps them in step.

export const ERROR_CODES = {
  PN_ERR_CONFIG_INVALID: 'The configuration has an unknown key, a wrong type or an impossible value.',
  PN_ERR_CONFIG_READ: 'The configuration file could not be read or is not valid YAML.',
  PN_ERR_PORT_IN_USE: 'A sensor could not bind its port because something else holds it.',
  PN_ERR_DATA_DIR: 'The data directory could not be created or has unsafe permissions.',
  PN_ERR_PERSONA: 'A persona file is missing or does not match the persona schema.',
  PN_ERR_HOST_KEY: 'A host key could not be generated, read or parsed.',
  PN_ERR_INSTANCE: 'The instance identity (instance.json) could not be read, is invalid, or would be overwritten without --force.',
  PN_ERR_STORE: 'The store could not be opened, migrated or written.',
  PN_ERR_OUTPUT: 'An output could not be opened or written.',
  PN_ERR_MODEL_INPUT: 'Training or prediction data, or a hyper-parameter, is malformed (shape, NaN, unknown option).',
  PN_ERR_MODEL_TRAINING: 'Model training failed outside the data: a training worker crashed or exited early.',
  PN_ERR_MODEL_NOT_FITTED: 'A model was asked to predict or serialise before it was fitted.',
  PN_ERR_MODEL_FORMAT: 'A saved model is not valid JSON of a known PhantomNet model format version.',
  PN_ERR_MODEL_SCHEMA_MISMATCH: 'A saved model was trained on a different feature schema than the running extractor.',
  PN_ERR_MODEL_REGISTRY: 'The model registry has no such model, version or stage, or could not be written.',
  PN_ERR_REPLAY_NOT_FOUND: 'No session recording (cast file) exists for the session id given to replay, or it cannot be read.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A fault PhantomNet reports to the operator with a stable code and a clear message. */
export class PhantomError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PhantomError';
  }
}
