'use client';

/** Opens the folded raw record and scrolls to it; the plain #raw-record link is the no-script fallback. */
export function RawRecordLink() {
  return (
    <a
      className="button"
      href="#raw-record"
      onClick={() => {
        const details = document.getElementById('raw-record');
        if (details instanceof HTMLDetailsElement) details.open = true;
      }}
    >
      Raw record
    </a>
  );
}
