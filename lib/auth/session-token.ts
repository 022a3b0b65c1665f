import { hkdfSync } from 'node:crypto';
import { jwtDecrypt, type JWTPayload } from 'jose';

// next-auth's session cookie is a JWE whose key is derived from the secret with HKDF. next-auth
// derives it again for every decode (asynchronously, on the thread pool): ~115 µs, and the proxy
// and the page or route each decode once per request. The key depends only on the secret, so it
// is derived once; decrypting with it takes ~11 µs. Same derivation and claims checks as
// next-auth 4's own `decode` (node_modules/next-auth/jwt/index.js), which stays the encoder.

const keys = new Map<string, Uint8Array>();

function encryptionKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32));
    keys.set(secret, key);
  }
  return key;
}

/** A `decode` for next-auth's getToken: the token's claims, or null when it is not valid now. */
export async function decodeSessionToken({ token, secret }: { token?: string; secret: string | Buffer }): Promise<JWTPayload | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, encryptionKey(String(secret)), { clockTolerance: 15 });
  return payload;
}
