/** Show a toast: `toast(text, 'success' | 'error' | 'info')`. */
import { useContext } from 'react';
import { ToastContext } from './ToastProvider.js';

export function useToast() {
  return useContext(ToastContext);
}
