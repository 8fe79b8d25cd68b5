import { z } from 'zod';

/**
 * The id of a nation, organization, inject, module, task, ...: lowercase letters, digits and
 * dashes. `constructor` (the one built-in member of JavaScript objects the pattern allows) is
 * refused: the engine keeps some per-id tables in plain objects, where that key would read
 * the inherited member instead of "no entry". A second pattern, not a refinement, so the
 * exported JSON Schema refuses it too.
 */
export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'an id of lowercase letters, digits and dashes, starting with a letter')
  .regex(/^(?!constructor$)/, 'an id other than "constructor" (a reserved name in JavaScript)');
