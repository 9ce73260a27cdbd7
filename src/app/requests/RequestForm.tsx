import { useState } from 'react';
import { bandPresetFor } from '../../core/coverage/radioPresets';
import { NumberField } from '../components/NumberField';
import { useT } from '../i18n/useT';
import type { RequestTarget } from '../server/apiTypes';
import { ServerRefusalNote } from '../server/RefusalNote';
import { fileRequest, fileRequestPlace, useServerStore } from '../server/serverStore';

/**
 * An operator's co-location request on an existing mast or on a proposed shared site of a published plan (shown only
 * to a signed-in operator). `tenants` are the operators already there; `heightM` the mast's height, when known.
 */
export function RequestForm({
  target,
  tenants,
  heightM,
  provinceId,
}: {
  target: RequestTarget;
  tenants: readonly string[];
  heightM: number | null;
  provinceId: string;
}) {
  const t = useT();
  const user = useServerStore((state) => state.user);
  const busy = useServerStore((state) => state.busy);
  // The operator's own band: its 5G licence (Viettel n41, VinaPhone and MobiFone n78), else LTE 1800 (no 5G licence).
  const own5g = user?.operator ? bandPresetFor('5g', user.operator) : null;
  const [equipment, setEquipment] = useState(own5g ? '5G AAU 64T64R' : '4G RRU 4T4R');
  const [band, setBand] = useState(own5g?.band ?? bandPresetFor('4g', user?.operator ?? '')?.band ?? 'B3');
  const [antennaHeightM, setAntennaHeightM] = useState(Math.max(1, Math.round((heightM ?? 20) - 2)));
  const [windLoadAreaM2, setWindLoadAreaM2] = useState(0.6);
  const [filed, setFiled] = useState(false);
  if (user?.role !== 'operator') return null;
  if (user.operator && tenants.includes(user.operator)) {
    return <p className="note">{t('alreadyTenant')}</p>;
  }
  return (
    <form
      className="request-form"
      onSubmit={(event) => {
        event.preventDefault();
        void fileRequest({
          provinceId,
          target,
          equipment,
          band,
          antennaHeightM,
          windLoadAreaM2,
          submit: true,
        }).then(setFiled);
      }}
      data-testid="request-form"
    >
      <h2>{t('requestColocation')}</h2>
      <label className="field">
        {t('equipment')}
        <input
          value={equipment}
          onChange={(event) => setEquipment(event.target.value)}
          data-testid="request-equipment"
        />
      </label>
      <label className="field">
        {t('band')}
        <input value={band} onChange={(event) => setBand(event.target.value)} data-testid="request-band" />
      </label>
      <NumberField
        label={t('antennaHeightM')}
        value={antennaHeightM}
        min={1}
        max={300}
        onChange={setAntennaHeightM}
        testId="request-antennaHeightM"
      />
      <NumberField
        label={t('windLoadAreaM2')}
        value={windLoadAreaM2}
        min={0}
        max={100}
        onChange={setWindLoadAreaM2}
        testId="request-windLoadAreaM2"
      />
      <button type="submit" disabled={busy} data-testid="file-request">
        {t('fileRequest')}
      </button>
      {filed && (
        <p className="note" data-testid="request-filed">
          {t('requestFiled')}
        </p>
      )}
      {!filed && <ServerRefusalNote place={fileRequestPlace({ target })} />}
    </form>
  );
}
