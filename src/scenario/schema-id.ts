import { z } from 'zod';

/** The id of a nation, organization, inject, module, task, ...: lowercase letters, digits and dashes. */
export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'an id of lowercase letters, digits and dashes, starting with a letter');
