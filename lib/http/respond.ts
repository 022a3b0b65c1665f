import { NextResponse } from 'next/server';

// One response shape for the JSON API: data as is, errors as { "error": "…" }.

export function json(data: unknown, status = 200): NextResponse {
  return NextResponse.json(data, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function jsonError(status: number, error: string): NextResponse {
  return json({ error }, status);
}

export const badRequest = (error: string) => jsonError(400, error);
export const notFound = (error: string) => jsonError(404, error);
