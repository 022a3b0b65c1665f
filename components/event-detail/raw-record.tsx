import { CopyButton } from './copy-button';
import { prettyRecord } from './record-fields';
import s from './event-detail.module.css';

/**
 * The record as stored: pretty-printed for reading when it is JSON, otherwise the text as it came.
 * Copy always gives the stored text byte-for-byte, which is the evidence, not our re-indentation.
 */
export function RawRecord({ raw, open = false }: { raw: string; open?: boolean }) {
  const { text, valid } = prettyRecord(raw);
  const bytes = new TextEncoder().encode(raw).length;
  return (
    <details className={`${s.section} ${s.raw}`} id="raw-record" open={open}>
      <summary>
        Raw record <small>as CloudTrail sent it · {bytes.toLocaleString('en')} bytes</small>
      </summary>
      <div className={s.rawBar}>
        <CopyButton text={raw} label="Copy record" />
        {valid ? (
          <span className={s.note}>Indented here for reading; Copy gives the stored text exactly.</span>
        ) : (
          <span className={s.warn} role="note">
            The stored text is not valid JSON; it is shown exactly as stored.
          </span>
        )}
      </div>
      <pre className={s.json} tabIndex={0} role="region" aria-label="Raw record">
        {text}
      </pre>
    </details>
  );
}
