'use client';

import styles from './watches.module.css';

/** Type, URL and (for webhooks) secret of one destination: the fields both forms share. */
export function DestinationFields({ type, onType, prefix }: { type: string; onType: (t: string) => void; prefix: string }) {
  return (
    <div className={styles.row}>
      <label>
        Destination
        <select name={`${prefix}type`} value={type} onChange={(e) => onType(e.target.value)}>
          <option value="webhook">Webhook (signed JSON POST)</option>
          <option value="slack">Slack incoming webhook</option>
        </select>
      </label>
      <label>
        URL
        <input name={`${prefix}url`} type="url" required placeholder={type === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://hooks.example.com/packtrail'} autoComplete="off" />
      </label>
      {type === 'webhook' && (
        <label>
          Secret (optional, 16+ characters; signs each body)
          <input name={`${prefix}secret`} type="password" minLength={16} autoComplete="new-password" />
        </label>
      )}
    </div>
  );
}

/** The destination the fields hold, as the API takes it. */
export function destinationFrom(form: FormData, prefix: string): { type: string; url: string; secret?: string } {
  const type = String(form.get(`${prefix}type`) ?? 'webhook');
  const secret = String(form.get(`${prefix}secret`) ?? '');
  return { type, url: String(form.get(`${prefix}url`) ?? ''), ...(type === 'webhook' && secret ? { secret } : {}) };
}
