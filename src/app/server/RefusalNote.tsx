import { useT } from '../i18n/useT';
import { setActiveTab, useAppStore } from '../store/appStore';
import { ApiError } from './apiClient';
import { describeApiError, type ServerAction } from './describeApiError';
import { type RefusalPlace, signInAgain, useServerStore } from './serverStore';

/**
 * A refusal of the server worded in the UI's language, as an alert beside the action it refused. After "your session
 * has ended" it offers to sign in again (the sign-in form is shown only when no one is signed in).
 */
export function RefusalNote({ error, action }: { error: unknown; action: ServerAction }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const sessionEnded = error instanceof ApiError && error.status === 401 && error.code !== 'invalid_credentials';
  return (
    <p className="warning" role="alert" data-testid="refusal" data-action={action}>
      {describeApiError(error, language, action)}
      {sessionEnded && (
        <>
          {' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              signInAgain();
              setActiveTab('requests');
            }}
            data-testid="sign-in-again"
          >
            {t('signIn')}
          </button>
        </>
      )}
    </p>
  );
}

/** The refusal kept at `place` in the server store, if any. */
export function ServerRefusalNote({ place }: { place: RefusalPlace }) {
  const refusal = useServerStore((state) => state.refusals[place]);
  return refusal ? <RefusalNote error={refusal.error} action={refusal.action} /> : null;
}
