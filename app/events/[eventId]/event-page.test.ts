import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EventDetail } from '@/components/event-detail/event-detail';
import { describeChange, parseRecord } from '@/lib/diff/event-change';
import { normalizeRecord } from '@/lib/events/normalize';
import { makeRecord } from '@/lib/testing/records';

// The event page renders what users typed in AWS (descriptions, user agents) as text: the markup
// is checked here on every unit run, without a browser.

const XSS = '<img src=x onerror=alert(1)>';
const UA = "<script>alert('ua')</script>";

function render(raw: string) {
  const stored = normalizeRecord(raw, { eventId: '11111111-2222-4333-8444-555555555555', eventName: 'CreateChannel', eventSource: 'mediapackage.amazonaws.com', region: 'us-west-2' });
  const detail = { event: stored.summary, cloudTrailEvent: raw, flags: stored.flags };
  const change = describeChange({ event: stored.summary, record: parseRecord(raw) }, null);
  return renderToStaticMarkup(createElement(EventDetail, { detail, change, related: null }));
}

describe('the event page', () => {
  it('shows HTML typed into a description or user agent as text, never as markup', () => {
    const record = {
      ...makeRecord({ eventName: 'CreateChannel', channelId: 'xss-test' }),
      userAgent: UA,
      requestParameters: { id: 'xss-test', description: XSS },
      responseElements: { id: 'xss-test', arn: `arn:aws:mediapackage:us-west-2:111122223333:channels/${'f'.repeat(32)}`, description: XSS },
    };
    const html = render(JSON.stringify(record));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(&#x27;ua&#x27;)&lt;/script&gt;');
  });

  it('shows a record that is not JSON exactly as stored, with a note', () => {
    const html = render('{"eventID": "11111111-2222-4333-8444-555555555555", <b>broken');
    expect(html).toContain('The stored text is not valid JSON');
    expect(html).toContain('{&quot;eventID&quot;: &quot;11111111-2222-4333-8444-555555555555&quot;, &lt;b&gt;broken');
  });
});
