/**
 * What a person types to send an event that declares payload fields in its machine
 * (`meta.payloads`, e.g. a conversation's REPLY asks for the text): a small dialog with
 * those fields, checked before it is sent; a refusal (outside a channel's window) keeps the
 * text so nothing typed is lost.
 */
import { useId, useState } from 'react';
import type { Labels } from '../model/pack-types.js';
import { Dialog } from '../ui/Dialog.js';
import { useWorkText } from './useWorkText.js';

export interface PayloadField {
  labels: Labels;
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
}

export interface EventPayloadDialogProps {
  title: string;
  fields: Record<string, PayloadField>;
  busy: boolean;
  onCancel: () => void;
  onSend: (payload: Record<string, string>) => void;
}

export function EventPayloadDialog({ title, fields, busy, onCancel, onSend }: EventPayloadDialogProps) {
  const { w, label } = useWorkText();
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const confirm = () => {
    const found: Record<string, string> = {};
    for (const [key, field] of Object.entries(fields)) {
      const value = (values[key] ?? '').trim();
      if (field.required && value === '') found[key] = w('payload.required');
      else if (field.maxLength !== undefined && value.length > field.maxLength) found[key] = w('payload.tooLong', { max: field.maxLength });
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSend(Object.fromEntries(Object.keys(fields).map((key) => [key, (values[key] ?? '').trim()])));
  };
  return (
    <Dialog title={title} onCancel={onCancel} onConfirm={confirm} confirmLabel={w('payload.send')} confirmDisabled={busy} wide>
      <div className="payload-fields" data-dialog="event-payload">
        {Object.entries(fields).map(([key, field]) => {
          const inputId = `${id}-${key}`;
          const common = {
            id: inputId,
            value: values[key] ?? '',
            maxLength: field.maxLength,
            'aria-invalid': errors[key] ? true : undefined,
            'aria-describedby': errors[key] ? `${inputId}-error` : undefined,
          };
          return (
            <div key={key} className="payload-field">
              <label htmlFor={inputId}>
                {label(field.labels, key)}
                {field.required && <span className="required-mark"> *</span>}
              </label>
              {field.multiline ? (
                <textarea {...common} rows={5} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
              ) : (
                <input {...common} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
              )}
              {field.maxLength !== undefined && (
                <span className="muted payload-count">
                  {(values[key] ?? '').length}/{field.maxLength}
                </span>
              )}
              {errors[key] && (
                <p id={`${inputId}-error`} className="field-error" role="alert">
                  {errors[key]}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </Dialog>
  );
}
