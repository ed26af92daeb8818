/**
 * A person by name ("Đỗ Thu Hương"), their id in `data-user`; the id alone until the
 * directory has loaded or when it names nobody; the engine's own actors by their human
 * name ("Tự động hóa: gửi thông báo", "Biểu mẫu website").
 */
import { useEffect, useState } from 'react';
import { actorName } from '../i18n/actor-names.js';
import { useI18n } from '../i18n/useI18n.js';
import { directoryUsers } from './users-api.js';

let names: Map<string, string> | undefined;

/** The names of the user directory, loaded once and shared by every UserName. */
function useUserNames(): Map<string, string> | undefined {
  const [loaded, setLoaded] = useState(names);
  useEffect(() => {
    if (names) return;
    let live = true;
    directoryUsers().then(
      (users) => {
        names = new Map(users.map((u) => [u.id, u.name]));
        if (live) setLoaded(names);
      },
      () => undefined, // ids are shown instead: nothing is lost
    );
    return () => {
      live = false;
    };
  }, []);
  return loaded;
}

/** A function naming a person or actor by id, as UserName shows them, for sentences. */
export function useNameOf(): (id: string) => string {
  const { lang } = useI18n();
  const names = useUserNames();
  return (id) => {
    // Ids of an earlier version carried a "user:" prefix.
    const person = id.startsWith('user:') ? id.slice('user:'.length) : id;
    return actorName(id, lang) ?? names?.get(person) ?? person;
  };
}

export function UserName({ id, className }: { id: string; className?: string }) {
  const name = useNameOf()(id);
  return (
    <span className={className} data-user={id}>
      {name}
    </span>
  );
}
