import type { Registry } from '../../../plugins/registry.js';
import { builtinActions } from './actions.js';
import { builtinGuards } from './guards.js';
import { itemActions } from './item-actions.js';
import { messageActions } from './message-actions.js';

/** Register the engine's built-in guards and actions. */
export function registerBuiltins(registry: Registry): void {
  for (const [name, def] of Object.entries(builtinGuards)) registry.registerGuard(name, def);
  for (const [name, def] of Object.entries({ ...builtinActions, ...itemActions, ...messageActions })) registry.registerAction(name, def);
}
