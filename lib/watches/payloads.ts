import type { EventSummary } from '@/lib/events/types';
import type { Watch, WatchDestination } from '@/lib/store/types';

// What a destination is told (SPEC "Watches and notifications"). Text from records goes out as JSON
// strings and, for Slack, as plain text with Slack's three control characters escaped: a channel
// description can never become a mention or a link there.

export const eventLink = (baseUrl: string, eventId: string) => `${baseUrl}/events/${encodeURIComponent(eventId)}`;
export const viewLink = (baseUrl: string, query: string) => `${baseUrl}/events${query ? `?${query}` : ''}`;

/** Slack's mrkdwn control characters, escaped as Slack documents. */
const slackText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function eventBody(destination: WatchDestination, watch: Pick<Watch, 'id' | 'name'>, event: EventSummary, baseUrl: string): string {
  const link = eventLink(baseUrl, event.eventId);
  if (destination.type === 'slack') {
    return JSON.stringify({
      text: `${watch.name}: ${event.description} ${link}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${slackText(watch.name)}*\n${slackText(event.description)}` } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: `${slackText(event.eventName)} · ${slackText(event.region)} · ${event.eventTime}` }] },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Packtrail' }, url: link }] },
      ],
    });
  }
  return JSON.stringify({ watch: { id: watch.id, name: watch.name }, event, description: event.description, link });
}

/** One message for a burst: how many matched, the first few, and the view that lists them all. */
export function digestBody(destination: WatchDestination, watch: Pick<Watch, 'id' | 'name'>, count: number, sample: EventSummary[], link: string): string {
  const headline = `${count.toLocaleString('en-US')} events matched “${watch.name}” in one sync`;
  if (destination.type === 'slack') {
    return JSON.stringify({
      text: `${headline}: ${link}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${slackText(headline)}*\n${sample.map((e) => `• ${slackText(e.description)}`).join('\n')}` } },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: `See all ${count.toLocaleString('en-US')}` }, url: link }] },
      ],
    });
  }
  return JSON.stringify({ watch: { id: watch.id, name: watch.name }, digest: { count, events: sample }, description: headline, link });
}

export function testBody(destination: WatchDestination, watch: Pick<Watch, 'id' | 'name'>, baseUrl: string): string {
  const text = `Test delivery from Packtrail for “${watch.name}”: this destination is reachable.`;
  if (destination.type === 'slack') return JSON.stringify({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: slackText(text) } }] });
  return JSON.stringify({ watch: { id: watch.id, name: watch.name }, test: true, description: text, link: viewLink(baseUrl, '') });
}
