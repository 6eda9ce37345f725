/**
 * A config file we must not touch (unparseable, or a shape we do not understand: `file`) or a
 * setup that lacks an input it needs (`input`). Refusing is safer than rewriting a file the user
 * wrote by hand.
 */
export class ConfigEditError extends Error {
  override name = 'ConfigEditError';

  constructor(
    message: string,
    readonly kind: 'file' | 'input' = 'file',
  ) {
    super(message);
  }
}
