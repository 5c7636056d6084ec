/** A logged-in session over a real socket: the session cookie and the CSRF token to send with changes. */
export interface Session {
  cookie: string;
  csrf: string;
}

export async function logInOverHttp(base: string, email: string, password: string): Promise<Session> {
  const s = await fetch(`${base}/api/auth/session`);
  const anon = s.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = await s.json();
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: anon, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ identifier: email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: (await res.json()).csrfToken };
}
