import { Link } from '@/components/ui/link';
import type { EventChange } from '@/lib/diff/event-change';
import type { CallStep as CallStepData, QuietStep } from '@/lib/diff/lifeline';
import { changeTags, subjectOf } from '@/lib/diff/event-change';
import type { ResourceSubject } from '@/lib/store/types';
import { IdentityBadge } from '@/components/ui/identity-badge';
import { LocalTime } from '@/components/ui/local-time';
import { OpName } from '@/components/ui/op-name';
import { ResultBadge } from '@/components/ui/result-badge';
import { Against, ChangeBody } from '@/components/event-detail/change-body';
import { SecurityBadges, formatValue } from '@/components/event-detail/change-list';
import type { Change } from '@/lib/diff/diff-states';
import { eventHref, resourceHref, typeLabel } from '@/components/event-detail/record-fields';
import s from './resource.module.css';
import { PrincipalLink } from '@/components/ui/principal-link';

function foldTitle(change: EventChange, rotation: boolean): string {
  switch (change.kind) {
    case 'changed': {
      const n = change.changes.length;
      if (n === 0) return rotation ? 'credentials rotated (password masked)' : 'no configuration change';
      // One or two changes fit on the line itself, so a glance down the lifeline tells the story.
      if (n <= 2) return change.changes.map(oneLine).join('; ');
      return `${n} changes`;
    }
    case 'created':
      return `initial configuration (${change.changes.length} settings)`;
    case 'deleted':
      return change.previous ? 'last known configuration' : 'no earlier state known';
    case 'unknown-before':
      return 'no earlier state known · request parameters';
    default:
      return '';
  }
}

function short(v: unknown): string {
  const text = formatValue(v);
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

function oneLine(c: Change): string {
  if (c.kind === 'changed') return `${c.path} ${short(c.before)} → ${short(c.after)}`;
  if (c.kind === 'masked') return `${c.path} masked`;
  return `${c.path} ${c.kind === 'added' ? '+' : '−'} ${short(c.kind === 'added' ? c.after : c.before)}`;
}

/** Tags a Tag/Untag call sets or removes, from its request; shown inline since they are short. */
function tagText(step: CallStepData): string | null {
  const req = step.record?.requestParameters as Record<string, unknown> | undefined;
  if (!req) return null;
  if (req.tags && typeof req.tags === 'object') return `+ ${Object.entries(req.tags as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`;
  if (Array.isArray(req.tagKeys)) return `− ${req.tagKeys.map(String).join(', ')}`;
  return step.event.eventName;
}

export function CallStep({ step, subject }: { step: CallStepData; subject: ResourceSubject }) {
  const e = step.event;
  const target = step.primary ? null : subjectOf(e);
  const change = step.change;
  const classes = [s.step, s[step.family], e.errorCode ? s.failed : '', step.primary ? '' : s.secondary].filter(Boolean).join(' ');
  return (
    <li className={classes}>
      <div className={s.row}>
        <LocalTime iso={e.eventTime} className="mono" />
        <OpName op={e.eventName} failed={e.errorCode !== null} />
        {target && target.id !== subject.id && (
          <span>
            {typeLabel(target.type)}{' '}
            <Link href={resourceHref(target.id)} className="mono">
              {target.id}
            </Link>
          </span>
        )}
        {step.family === 'tag' && <span className={`mono ${s.tags}`}>{tagText(step)}</span>}
        <span className={s.who}>
          by <PrincipalLink principal={e.principal} accountId={e.accountId} className="mono" />
          {e.principalType === 'Root' && (
            <>
              {' '}
              <IdentityBadge type="Root" />
            </>
          )}{' '}
          from <span className="mono">{e.sourceIp}</span>
        </span>
        {e.errorCode && <ResultBadge code={e.errorCode} message={e.errorMessage} />}
        {change && <SecurityBadges tags={changeTags(change)} />}
        <Link href={eventHref(e.eventId)}>event</Link>
      </div>
      <p className={s.sentence}>{e.description}</p>
      {change && change.kind !== 'failed' && (
        <details className={s.fold}>
          <summary>{foldTitle(change, e.eventName.startsWith('Rotate'))}</summary>
          <div className={s.foldBody}>
            {/* Inside the fold, not in its summary: a link within a summary is a control inside a control. */}
            {(change.kind === 'changed' || (change.kind === 'deleted' && change.previous)) && <Against previous={change.previous!} />}
            <ChangeBody change={change} event={e} />
          </div>
        </details>
      )}
    </li>
  );
}

/** Reads and calls on other resources between two of this resource's own steps, counted; children listed when opened. */
export function QuietStepItem({ step, subject, filterHref }: { step: QuietStep; subject: ResourceSubject; filterHref: string }) {
  const ops = step.ops.slice(0, 3).map(([op, n]) => `${op} ×${n}`).join(', ') + (step.ops.length > 3 ? ', …' : '');
  const span = (
    <>
      {step.from === step.to ? 'at' : 'between'} <LocalTime iso={step.from} className="mono" />
      {step.from !== step.to && (
        <>
          {' '}
          and <LocalTime iso={step.to} className="mono" />
        </>
      )}
    </>
  );
  const children = step.children;
  const targets = [...new Set(children.map((c) => subjectOf(c.event)?.id).filter(Boolean))];
  return (
    <li className={`${s.step} ${s.reads}`}>
      <span className={s.readsText}>
        {step.count > 0 && (
          <>
            {step.count} read{step.count === 1 ? '' : 's'} ({ops}){' '}
          </>
        )}
        {span}
        {step.failed > 0 && <span className="error"> · {step.failed} failed</span>}
        {step.count > 0 && (
          <>
            {' · '}
            <Link href={filterHref}>list</Link>
          </>
        )}
      </span>
      {children.length > 0 && (
        <details className={s.fold}>
          <summary>
            {children.length} call{children.length === 1 ? '' : 's'} on {targets.length > 3 ? `${targets.length} other resources` : targets.join(', ') || 'other resources'}
          </summary>
          <ol className={s.line}>
            {children.map((c) => (
              <CallStep key={c.event.eventId} step={c} subject={subject} />
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
