import { useState } from 'react';
import { formatNumber } from '../i18n/strings';
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
  const [open, setOpen] = useState<string | null>(null);
  const key = (entry: PublishedProposedSite) => `${entry.planId}/${entry.site.id}`;
  return (
    <section data-testid="published-sites">
      <h2>
        {t('publishedSites')} ({sites.length})
      </h2>
      {sites.length === 0 && <p className="note">{t('noPublishedSites')}</p>}
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
            {entry.site.note && <div className="note">{entry.site.note}</div>}
            {user?.role === 'operator' && (
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
                    target={{ kind: 'proposedSite', planId: entry.planId, siteId: entry.site.id }}
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
