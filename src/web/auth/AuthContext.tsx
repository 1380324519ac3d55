import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '@shared/schemas/auth';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/client';
import { api } from '../api/endpoints';

/** What the app knows about the session. */
export interface AuthState {
  /** The signed-in user; null when signed out. */
  me: Me | null;
  /** True until the first /api/auth/me answer. */
  isChecking: boolean;
  /** The session check failed for another reason than "not signed in". */
  checkError: ApiError | null;
  /** @throws ApiError (INVALID_CREDENTIALS, TOO_MANY_LOGIN_ATTEMPTS, …) */
  logIn: (username: string, password: string) => Promise<Me>;
  logOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Provides the session to the app: checks /api/auth/me once and signs out locally on any 401. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [isChecking, setIsChecking] = useState(true);
  const [checkError, setCheckError] = useState<ApiError | null>(null);

  const applyMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setMe(next);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api
      .me(controller.signal)
      .then(applyMe)
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status !== 401) setCheckError(error);
        applyMe(null);
      })
      .finally(() => {
        if (!controller.signal.aborted) setIsChecking(false);
      });
    return () => controller.abort();
  }, [applyMe]);

  useEffect(() => {
    onUnauthorized(() => applyMe(null));
    return () => onUnauthorized(null);
  }, [applyMe]);

  const logIn = useCallback(
    async (username: string, password: string) => {
      const next = await api.login({ username, password });
      setCheckError(null);
      applyMe(next);
      return next;
    },
    [applyMe],
  );

  const logOut = useCallback(async () => {
    const endSessionUrl = me?.endSessionUrl;
    try {
      await api.logout();
    } finally {
      // Signed out locally even if the server call failed: the cookie expires on its own.
      applyMe(null);
    }
    // Signed in through an identity provider: end its session too (RP-initiated logout).
    if (endSessionUrl) window.location.assign(endSessionUrl);
  }, [applyMe, me]);

  const value = useMemo(
    () => ({ me, isChecking, checkError, logIn, logOut }),
    [me, isChecking, checkError, logIn, logOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session; must be used inside AuthProvider. */
export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
