import { useState } from 'react';
import { loadServerMasts } from '../data/serverMasts';
import { formatNumber, STRINGS, type StringKey, translateWith } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useMapController } from '../map/MapControllerContext';
import type { AuditEntry, ColocationRequest, RequestActionName } from '../server/apiTypes';
import { ServerRefusalNote } from '../server/RefusalNote';
import {
  actOnRequest,
  clearNotifications,
  readAuditCsv,
  refreshServerData,
  signIn,
  signOut,
  useServerStore,
} from '../server/serverStore';
import { downloadFile } from '../sharing/downloadFile';
import { runColocation, useSharingStore } from '../sharing/sharingStore';
import { selectTower, setActiveTab, useAppStore } from '../store/appStore';
import { PublishedSitesSection } from './PublishedSitesSection';

function SignInForm() {
  const t = useT();
  const busy = useServerStore((state) => state.busy);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      className="sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        void signIn(username.trim(), password);
      }}
    >
      <label className="field">
        {t('username')}
        <input
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          autoComplete="username"
          data-testid="sign-in-username"
        />
      </label>
      <label className="field">
        {t('password')}
        <input
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
          data-testid="sign-in-password"
        />
      </label>
      <button type="submit" disabled={busy || !username || !password} data-testid="sign-in">
        {t('signIn')}
      </button>
      {busy && (
        <span className="note" role="status" data-testid="sign-in-busy">
          {' '}
          {t('signingIn')}
        </span>
      )}
      <ServerRefusalNote place="signIn" />
    </form>
  );
}

const ACTION_LABELS: Record<
  RequestActionName,
  'actionSubmit' | 'actionWithdraw' | 'actionApprove' | 'actionReject' | 'actionBuilt'
> = {
  submit: 'actionSubmit',
  withdraw: 'actionWithdraw',
  approve: 'actionApprove',
  reject: 'actionReject',
  reportBuilt: 'actionBuilt',
};

function RequestRow({ request }: { request: ColocationRequest }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const [reason, setReason] = useState('');
  const target =
    request.target.kind === 'mast' ? request.target.mastId : `${t('proposedSite')} ${request.target.siteId}`;
  return (
    <li
      className={`request state-${request.state}`}
      data-testid="request"
      data-request-id={request.id}
      data-state={request.state}
    >
      <div className="request-head">
        <strong title={request.id}>#{request.id.slice(0, 8)}</strong> {request.operator} → {target}
        <span className="state" data-testid="request-state">
          {t(`state_${request.state}`)}
        </span>
      </div>
      <div className="note">
        {request.equipment} · {request.band} · {formatNumber(language, request.antennaHeightM, 1)} m
        {request.decisionReason ? ` · ${request.decisionReason}` : ''}
        {request.approvalExpiresAt && request.state === 'approved'
          ? ` · ${t('lapsesOn')} ${new Date(request.approvalExpiresAt).toLocaleDateString(language === 'vi' ? 'vi-VN' : 'en-GB')}`
          : ''}
      </div>
      {request.actions.length > 0 && (
        <div className="buttons">
          {(request.actions.includes('reject') || request.actions.includes('withdraw')) && (
            <input
              placeholder={t('reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              data-testid="request-reason"
            />
          )}
          {request.actions.map((action) => (
            <button
              key={action}
              type="button"
              onClick={() => void actOnRequest(request, action, reason || undefined)}
              data-testid={`request-${action}`}
            >
              {t(ACTION_LABELS[action])}
            </button>
          ))}
        </div>
      )}
      <ServerRefusalNote place={`actOnRequest:${request.id}`} />
    </li>
  );
}

function actorName(entry: AuditEntry): string {
  if (typeof entry.actor === 'string') return entry.actor;
  return entry.actor?.username ?? entry.actor?.role ?? '—';
}

/** An audit entry in the UI's language: the action and what it acted on ("Chấp thuận yêu cầu · yêu cầu 87079d7b…"). */
function describeAuditEntry(entry: AuditEntry, t: (key: StringKey) => string): string {
  const known = (key: string) => (Object.hasOwn(STRINGS, key) ? t(key as StringKey) : null);
  const action = known(`audit_${entry.action}`) ?? entry.action;
  const entity = known(`auditEntity_${entry.entityType}`) ?? entry.entityType;
  const id =
    entry.entityType === 'colocationRequest'
      ? String(entry.entityId).slice(0, 8)
      : entry.entityType === 'user'
        ? (accountName(entry) ?? entry.entityId)
        : entry.entityId;
  return `${action} · ${entity} ${id}`;
}

/** An account acted on, by its name: the one created (its new value), or the actor acting on their own account. */
function accountName(entry: AuditEntry): string | null {
  const created = entry.newValue as { username?: unknown } | null;
  if (created && typeof created.username === 'string') return created.username;
  const actor = typeof entry.actor === 'object' ? entry.actor : null;
  return actor && String(actor.id) === String(entry.entityId) && actor.username ? actor.username : null;
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  return (
    <section className="panel">
      <h2>{t('auditTrail')}</h2>
      <button
        type="button"
        onClick={() =>
          void readAuditCsv().then((csv) => {
            if (csv !== null) downloadFile('cosite-audit.csv', csv, 'text/csv');
          })
        }
        data-testid="audit-csv"
      >
        {t('exportCsv')}
      </button>
      <ServerRefusalNote place="exportAudit" />
      <table className="results audit" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t('when')}</th>
            <th>{t('who')}</th>
            <th>{t('what')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.slice(0, 50).map((entry) => (
            <tr key={entry.id} data-action={entry.action}>
              <td>{new Date(entry.at).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB')}</td>
              <td>{actorName(entry)}</td>
              <td>{describeAuditEntry(entry, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const LIVE_REQUEST_STATES: readonly ColocationRequest['state'][] = ['draft', 'submitted', 'approved', 'built'];

/** An operator's best co-location opportunities (masts of others with room), each one click from its request form. */
function WhereToColocate({ operator }: { operator: string }) {
  const t = useT();
  const mapController = useMapController();
  const language = useAppStore((state) => state.language);
  const dataset = useAppStore((state) => state.dataset);
  const status = useSharingStore((state) => state.colocationStatus);
  const opportunities = useSharingStore((state) => state.opportunities);
  const mine = opportunities?.find((entry) => entry.operator === operator) ?? null;
  // Computed on other masts than those on screen (the server's list arrived since, another import): said, and offered
  // again.
  const basisTowers = useSharingStore((state) => state.colocationBasis?.towers ?? null);
  const stale = mine !== null && dataset !== null && basisTowers !== null && basisTowers !== dataset.towers;
  // Masts the operator has a live request on (draft, submitted, approved) or is on since (built): not offered again.
  const requests = useServerStore((state) => state.requests);
  // Searched before the server's masts are on the map, the search would run on the masts they replace.
  const mastsLoading = useServerStore((state) => state.serverMasts === 'loading');
  const onScreen = new Set(stale && dataset ? dataset.towers.map((tower) => tower.id) : []);
  const requested = new Set(
    requests
      .filter((request) => request.operator === operator && LIVE_REQUEST_STATES.includes(request.state))
      .flatMap((request) => (request.target.kind === 'mast' ? [request.target.mastId] : [])),
  );
  return (
    <section data-testid="where-to-colocate">
      <h2>{t('whereToColocate')}</h2>
      {stale && (
        <p className="warning" data-testid="opportunities-stale">
          {t('colocationStale')}
        </p>
      )}
      {(!mine || stale) && (
        <button
          type="button"
          onClick={() => void runColocation()}
          disabled={status === 'running' || mastsLoading}
          aria-describedby={mastsLoading ? 'server-masts-loading' : undefined}
          data-testid="find-opportunities"
        >
          {status === 'running' ? t('running') : t('findSharing')}
        </button>
      )}
      {mine && requested.size > 0 && (
        <p className="note" data-testid="opportunities-requested">
          {translateWith(language, 'opportunitiesRequestedLeftOut', { count: formatNumber(language, requested.size) })}
        </p>
      )}
      {mine && (
        <ol className="ranked">
          {mine.opportunities
            .filter((opportunity) => !requested.has(opportunity.towerId))
            .slice(0, 10)
            .map((opportunity) =>
              stale && !onScreen.has(opportunity.towerId) ? (
                // Its mast is gone from the map (the server's list replaced it): nothing to open; said, not a dead link.
                <li key={opportunity.towerId} data-testid="opportunity-gone">
                  {opportunity.towerId} ({opportunity.owner}): {t('opportunityGone')}
                </li>
              ) : (
                <li key={opportunity.towerId}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      // By id: the masts on screen may have changed since the opportunities were computed (the
                      // server's list polled afresh), and an index would then open another mast's form.
                      const index = dataset?.towers.findIndex((tower) => tower.id === opportunity.towerId) ?? -1;
                      if (!dataset || index < 0) return;
                      selectTower(index);
                      const tower = dataset.towers[index];
                      mapController?.fitPoints([[tower.lon, tower.lat]]);
                      setActiveTab('overview');
                    }}
                    data-testid="opportunity-request"
                  >
                    {opportunity.towerId}
                  </button>{' '}
                  ({opportunity.owner}, {opportunity.spareSlots} {t('freeSlots')}): +
                  {formatNumber(language, opportunity.newlyCoveredPopulation)} {t('people')}
                </li>
              ),
            )}
        </ol>
      )}
    </section>
  );
}

/** Where the province's masts from the server are: on their way, or not loaded (with the server's refusal). */
function ServerMastsNote() {
  const t = useT();
  const status = useServerStore((state) => state.serverMasts);
  if (status === 'loading') {
    return (
      <p className="note" role="status" id="server-masts-loading" data-testid="server-masts-loading">
        {t('serverMastsLoading')}
      </p>
    );
  }
  if (status !== 'failed') return null;
  return (
    <>
      <p className="warning" data-testid="server-masts-failed">
        {t('serverMastsFailed')}{' '}
        <button type="button" className="link" onClick={() => void loadServerMasts()} data-testid="server-masts-retry">
          {t('tryAgain')}
        </button>
      </p>
      <ServerRefusalNote place="loadMasts" />
    </>
  );
}

/** Sign-in and each role's view of co-location requests; the app works without a server (local mode). */
export function RequestsPanel() {
  const t = useT();
  const { available, user, requests, audit, notifications } = useServerStore();
  const provinceId = useAppStore((state) => state.dataset?.provinceCode ?? 'VN25');
  if (available === null) return <p className="note">{t('checkingServer')}</p>;
  if (!available)
    return (
      <p className="note" data-testid="no-server">
        {t('noServer')}
      </p>
    );
  if (!user) {
    return (
      <section className="panel">
        <h2>{t('signIn')}</h2>
        <SignInForm />
      </section>
    );
  }
  const roleLabel =
    user.role === 'operator'
      ? user.operator
      : user.role === 'province'
        ? `${t('rolePlanner')} ${user.provinceId}`
        : t('roleMinistry');
  const inbox = requests.filter((request) => request.state === 'submitted');
  return (
    <section className="panel" data-testid="requests-panel">
      <div className="request-user">
        <span data-testid="signed-in-as">
          {user.username} ({roleLabel})
        </span>
        <button type="button" onClick={() => void refreshServerData('poll')} data-testid="refresh-requests">
          ↻
        </button>
        <button type="button" onClick={() => void signOut()} data-testid="sign-out">
          {t('signOut')}
        </button>
      </div>
      <ServerRefusalNote place="signOut" />
      <ServerRefusalNote place="refresh" />
      <ServerMastsNote />
      {notifications.length > 0 && (
        <div className="notifications" role="status" data-testid="notifications">
          {notifications.some((change) => change.whileAway) && (
            <div className="notifications-title" data-testid="notifications-while-away">
              {t('notificationsWhileAway')}
            </div>
          )}
          {notifications.map((change) => (
            <div key={`${change.id}|${change.from}|${change.to}`}>
              #{change.id.slice(0, 8)} {change.operator} → {change.target}:{' '}
              {change.from ? `${t(`state_${change.from}` as StringKey)} → ` : ''}
              {t(`state_${change.to}` as StringKey)}
            </div>
          ))}
          <button type="button" onClick={clearNotifications}>
            {t('close')}
          </button>
        </div>
      )}
      {user.role === 'operator' && (
        <>
          <p className="note">{t('operatorHint')}</p>
          {user.operator && <WhereToColocate operator={user.operator} />}
        </>
      )}
      <PublishedSitesSection provinceId={provinceId} />
      {user.role === 'province' && (
        <>
          <h2>
            {t('inbox')} ({inbox.length})
          </h2>
          <ul className="requests" data-testid="inbox">
            {inbox.map((request) => (
              <RequestRow key={request.id} request={request} />
            ))}
          </ul>
        </>
      )}
      <h2>
        {user.role === 'operator' ? t('myRequests') : t('allRequests')} ({requests.length})
      </h2>
      <ul className="requests" data-testid="request-list">
        {requests.map((request) => (
          <RequestRow key={request.id} request={request} />
        ))}
      </ul>
      {user.role !== 'operator' && <AuditTable entries={audit} />}
    </section>
  );
}
