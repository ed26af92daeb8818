/**
 * A text input whose value is applied on Enter or blur, not on every key: for names
 * (stage keys, event names, field keys) where each change renames things.
 */
import { useEffect, useState, type InputHTMLAttributes } from 'react';

export interface CommitInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  /** Return an error message to refuse the value (it is then reset). */
  onCommit: (value: string) => string | void;
}

export function CommitInput({ value, onCommit, ...rest }: CommitInputProps) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setText(value);
    setError(undefined);
  }, [value]);
  const commit = () => {
    if (text === value) return;
    const refused = onCommit(text.trim());
    if (typeof refused === 'string') setError(refused);
  };
  return (
    <span className="commit-input">
      <input
        {...rest}
        value={text}
        aria-invalid={error !== undefined}
        onChange={(e) => {
          setText(e.target.value);
          setError(undefined);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
          if (e.key === 'Escape' && text !== value) {
            e.stopPropagation();
            setText(value);
            setError(undefined);
          }
        }}
      />
      {error && (
        <span className="input-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
