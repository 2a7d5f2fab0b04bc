import { useEffect, useState } from 'react';

/** The value, once it has stopped changing for `ms`: live checks wait for a pause in typing. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}
