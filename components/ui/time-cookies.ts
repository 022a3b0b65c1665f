// Cookie names shared by the server layout and the client provider. Kept out of the 'use client'
// module: a server component importing a constant from one gets a client reference, not the string.

export const TIME_MODE_COOKIE = 'packtrail-time';
export const ZONE_COOKIE = 'packtrail-zone';
