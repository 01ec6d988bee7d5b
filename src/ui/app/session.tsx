import { createContext } from "preact";
import { useContext, useState } from "preact/hooks";
import { ApiError, api } from "./api";
import { ErrorNote } from "./components";
import type { Scope } from "./types";

export interface Session {
  signed_in: boolean;
  scopes: Scope[];
  expires_at: string | null;
}

/** Each scope includes the ones before it (DESIGN.md "Access"). */
const SCOPE_ORDER: Scope[] = ["read", "run", "write", "admin"];

/** Whether a session with `scopes` may do what `needed` allows. */
export function allows(scopes: readonly Scope[], needed: Scope): boolean {
  const rank = SCOPE_ORDER.indexOf(needed);
  return scopes.some((scope) => SCOPE_ORDER.indexOf(scope) >= rank);
}

export const SessionContext = createContext<Session>({
  signed_in: false,
  scopes: [],
  expires_at: null,
});

/** Whether the signed-in key may do what `needed` allows; controls it may not use are hidden. */
export function useCan(needed: Scope): boolean {
  return allows(useContext(SessionContext).scopes, needed);
}

export const readSession = () => api<Session>("GET", "/ui/session");
export const signOut = () => api<void>("DELETE", "/ui/session");

/** One password field for the API token or an API key. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [credential, setCredential] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api<Session>("POST", "/ui/session", { credential }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">
          <span class="logo" aria-hidden="true">
            ◭
          </span>{" "}
          Cairn
        </h1>
        <label for="credential">API token or API key</label>
        <input
          id="credential"
          name="credential"
          type="password"
          autocomplete="current-password"
          required
          value={credential}
          onInput={(event) => setCredential(event.currentTarget.value)}
        />
        <ErrorNote error={error} />
        <button class="primary" type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <p class="muted">
          `npm start` prints the local token. The session lasts 12 hours and stays in an HttpOnly
          cookie.
        </p>
      </form>
    </main>
  );
}
