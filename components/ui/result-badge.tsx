// A failed call shows its error code in red; access-denied errors are filled so they stand out.

const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedException|Forbidden\w*)$/;

export function isAccessDenied(code: string | null): boolean {
  return code !== null && DENIED.test(code);
}

export function ResultBadge({ code, message }: { code: string | null; message?: string | null }) {
  if (!code) return <span className="muted">ok</span>;
  return (
    <span className={`badge badge-error${isAccessDenied(code) ? ' badge-denied' : ''}`} title={message ?? undefined}>
      {isAccessDenied(code) ? '⚠ ' : ''}
      {code}
    </span>
  );
}
