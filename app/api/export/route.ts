import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { requireApiSession } from '@/lib/auth/session';
import { parseQuery } from '@/lib/filters/parse-query';
import { badRequest } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { FORMATS, exportFilename, type ExportFormat } from './export-format';
import { exportStream } from './export-stream';

export const dynamic = 'force-dynamic';

const exportShape = {
  format: z.enum(Object.keys(FORMATS) as [ExportFormat, ...ExportFormat[]], { error: 'must be csv or ndjson' }),
};

/** The filtered events as a download, streamed newest first. */
export async function GET(request: NextRequest) {
  const denied = await requireApiSession();
  if (denied) return denied;
  const query = parseQuery(request.nextUrl.searchParams, exportShape);
  if (!query.ok) return badRequest(query.error);
  const { store } = await getRuntime();
  const { format, filter } = query.value;
  return new Response(exportStream(store.streamEvents(filter), format), {
    headers: {
      'Content-Type': FORMATS[format].contentType,
      'Content-Disposition': `attachment; filename=${exportFilename(format, new Date())}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
