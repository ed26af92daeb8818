/** Lets a transition's label (outside the SVG edge) select its transition on click. */
import { createContext } from 'react';
import type { Selection } from '../selection.js';

export const SelectContext = createContext<(selection: Selection) => void>(() => undefined);
