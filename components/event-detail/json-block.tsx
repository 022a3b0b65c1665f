import s from './event-detail.module.css';

/** JSON as indented text in a monospace block. Strings inside are text nodes, so markup in them stays inert. */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre className={s.json} aria-label={label}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
