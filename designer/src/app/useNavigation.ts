/** The current path (and a pending, unconfirmed navigation) as React state. */
import { useSyncExternalStore } from 'react';
import { navigation } from './navigation.js';

export function useNavigation() {
  return useSyncExternalStore(navigation.subscribe, navigation.get);
}
