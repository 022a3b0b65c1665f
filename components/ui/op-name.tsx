import { opFamily } from './op-family';

/** An operation name in its family's colour, with a dot (`.op::before`) that still reads in greyscale by position. */
export function OpName({ op, failed = false }: { op: string; failed?: boolean }) {
  const family = opFamily(op);
  return (
    <span className={`op op-${family}${failed ? ' op-failed' : ''}`}>
      {op}
    </span>
  );
}
