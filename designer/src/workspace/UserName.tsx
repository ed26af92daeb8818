/**
 * A person by name ("Đỗ Thu Hương"), their id in the tooltip and in `data-user`; the id
 * alone until the directory has loaded, or when it names nobody (a system actor).
 */
import { useEffect, useState } from 'react';
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

export function UserName({ id, className }: { id: string; className?: string }) {
  const name = useUserNames()?.get(id);
  return (
    <span className={className} title={id} data-user={id}>
      {name ?? id}
    </span>
  );
}
