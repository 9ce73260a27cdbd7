import { useState } from 'react';
import { formatNumber, translateWith } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useMapController } from '../map/MapControllerContext';
import type { PublishedProposedSite } from '../server/apiTypes';
import { useServerStore } from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { RequestForm } from './RequestForm';

/**
 * The proposed shared sites of the province's published plans, with the room left on each. An operator requests
 * co-location on one here (the province then approves or rejects it like a request on an existing mast).
 */
export function PublishedSitesSection({ provinceId }: { provinceId: string }) {
  const t = useT();
  const mapController = useMapController();
  const language = useAppStore((state) => state.language);
  const user = useServerStore((state) => state.user);
  const sites = useServerStore((state) => state.proposedSites);
  const loaded = useServerStore((state) => state.listsLoaded);
  const [open, setOpen] = useState<string | null>(null);
  const key = (entry: PublishedProposedSite) => `${entry.planId}/${entry.site.id}`;
  return (
    <section data-testid="published-sites">
      <h2>
        {t('publishedSites')}
        {loaded ? ` (${sites.length})` : ''}
      </h2>
      {!loaded && (
        <p className="note" data-testid="published-sites-loading">
          {t('loadingServerLists')}
        </p>
      )}
      {loaded && sites.length === 0 && <p className="note">{t('noPublishedSites')}</p>}
      <ul className="requests">
        {sites.map((entry) => (
          <li key={key(entry)} data-testid="published-site" data-site-id={entry.site.id}>
            <button
              type="button"
              className="link"
              onClick={() => mapController?.fitPoints([[entry.site.lon, entry.site.lat]])}
            >
              {entry.site.name ?? entry.site.id}
            </button>{' '}
            · {entry.planName} (v{entry.publishedVersion}) · {entry.site.mastType ?? '?'}{' '}
            {formatNumber(language, entry.site.heightM)} m · {t('freeSlots')} {entry.capacity.freeSlots}/
            {entry.capacity.tenantSlots}
            {entry.site.tenants.length > 0 && <> · {entry.site.tenants.join(' + ')}</>}
            {entry.site.newlyCoveredPeople !== undefined && entry.site.forOperators ? (
              <div className="note">
                {translateWith(language, 'publishedSiteNote', {
                  people: formatNumber(language, entry.site.newlyCoveredPeople),
                  operators: entry.site.forOperators.join(', '),
                })}
              </div>
            ) : (
              entry.site.note && <div className="note">{entry.site.note}</div>
            )}
            {entry.mastId && (
              <div className="note" data-testid="published-site-mast">
                {translateWith(language, 'publishedSiteIsMast', { mastId: entry.mastId })}
              </div>
            )}
            {user?.role === 'operator' && user.operator && entry.site.tenants.includes(user.operator) && (
              <div className="note">{t('publishedSiteAlreadyOn')}</div>
            )}
            {user?.role === 'operator' && !(user.operator && entry.site.tenants.includes(user.operator)) && (
              <>
                <button
                  type="button"
                  onClick={() => setOpen(open === key(entry) ? null : key(entry))}
                  disabled={entry.capacity.freeSlots === 0}
                  data-testid="published-site-request"
                >
                  {t('requestColocation')}
                </button>
                {open === key(entry) && (
                  <RequestForm
                    target={
                      entry.mastId
                        ? { kind: 'mast', mastId: entry.mastId }
                        : { kind: 'proposedSite', planId: entry.planId, siteId: entry.site.id }
                    }
                    tenants={entry.site.tenants}
                    heightM={entry.site.heightM}
                    provinceId={provinceId}
                  />
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
