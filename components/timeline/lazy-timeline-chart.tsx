'use client';

import dynamic from 'next/dynamic';

// recharts is ~140 kB of compressed JavaScript: loading it after the page keeps the events page's
// first load under 250 kB. The placeholder has the chart's height, so nothing moves when it lands.
export const LazyTimelineChart = dynamic(() => import('./timeline-chart').then((m) => m.TimelineChart), {
  ssr: false,
  loading: () => <div className="timeline" style={{ height: 180 }} role="status" aria-busy="true" aria-label="Loading the timeline" />,
});
