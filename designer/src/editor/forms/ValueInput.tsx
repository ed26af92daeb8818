/**
 * A value of any JSON type typed as text: numbers, true/false, null, lists and objects
 * are read as JSON, anything else as a string.
 */
import { useEffect, useState } from 'react';

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function read(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function ValueInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const [text, setText] = useState(show(value));
  useEffect(() => {
    if (JSON.stringify(read(text)) !== JSON.stringify(value)) setText(show(value));
    // Only an outside change (undo, another input) resets the text being typed.
  }, [value]);
  return (
    <input
      id={id}
      className="mono"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(read(e.target.value));
      }}
    />
  );
}
