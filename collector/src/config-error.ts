// A mistake in the operator's configuration (a flag, a variable, a campaigns file, a database
// URL): the bin prints its message as one line and exits, instead of a stack trace.
export class ConfigError extends Error {
  override name = 'ConfigError';
}
