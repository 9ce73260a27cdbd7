/**
 * Technology and band presets: what a mast radiates when the tower file says nothing about its radios. Every value
 * is a default the UI shows and the user may edit. Figures from ../shared/DOMAIN.md ("Spectrum and link budgets").
 *
 * The budget is per resource element (RE), since RSRP is the power of one reference-signal RE: the channel's total
 * conducted power is taken as spread evenly over its subcarriers (resource blocks x 12), so
 *   EIRP per RE = txPowerDbm - 10 log10(subcarrierCount) + antennaGainDbi - cableLossDb.
 * LTE 1800, 20 MHz: 46 dBm (40 W per port) - 30.8 dB (1,200 subcarriers) + 17.5 dBi - 0.5 dB = 32.2 dBm per RE,
 * DOMAIN.md's "reference-signal EIRP ~32 dBm".
 * NR mid-band, 100 MHz at 30 kHz: DOMAIN.md's reference downlink budget, EIRP 68 dBm (46 dBm + 25 dBi - 3 dB), over
 * 273 RB x 12 = 3,276 subcarriers: 68 - 35.2 = 32.9 dBm per RE, as the SSB would be sent at the same EPRE. This is the
 * conservative end: a 200 W active antenna (53 dBm, SSB EPRE ~17.8 dBm) with 17-24 dBi of beam gain gives 35-42 dBm
 * per RE. Using the reference budget keeps 4G and 5G on the same footing (about 32-33 dBm per RE).
 */
export type Technology = '4g' | '5g';
export const TECHNOLOGIES: readonly Technology[] = ['4g', '5g'];

export function isTechnology(value: string): value is Technology {
  return (TECHNOLOGIES as readonly string[]).includes(value);
}

/** One carrier as a mast radiates it. */
export interface BandPreset {
  /** Stable key: "lte-1800", "nr-n41-2550". */
  id: string;
  technology: Technology;
  /** Band as operators and the regulator name it: "B3", "n41", "n78". */
  band: string;
  /** Short English label for menus and reports. */
  label: string;
  /** Carrier centre frequency, MHz. */
  frequencyMHz: number;
  /** Channel bandwidth, MHz. */
  bandwidthMHz: number;
  /** Subcarriers the power is spread over: resource blocks x 12. */
  subcarrierCount: number;
  /** Conducted power per antenna port over the whole channel, dBm. */
  txPowerDbm: number;
  /** Boresight gain of the antenna (or beam), dBi. */
  antennaGainDbi: number;
  /** Feeder, jumper and connector losses, dB. */
  cableLossDb: number;
}

/** LTE band 3 (1800 MHz), 20 MHz: the 4G layer every operator in Vietnam runs. */
export const LTE_1800: Readonly<BandPreset> = {
  id: 'lte-1800',
  technology: '4g',
  band: 'B3',
  label: 'LTE 1800 MHz (B3), 20 MHz',
  frequencyMHz: 1800, // MHz
  bandwidthMHz: 20, // MHz
  subcarrierCount: 1200, // 100 resource blocks x 12 at 15 kHz
  txPowerDbm: 46, // dBm per port (2 x 40 W)
  antennaGainDbi: 17.5, // dBi, sector panel
  cableLossDb: 0.5, // dB
};

/** The NR budget shared by the 5G presets: DOMAIN.md's reference downlink budget (EIRP 68 dBm). */
const NR_100_MHZ = {
  technology: '5g' as const,
  bandwidthMHz: 100, // MHz
  subcarrierCount: 3276, // 273 resource blocks x 12 at 30 kHz
  txPowerDbm: 46, // dBm
  antennaGainDbi: 25, // dBi, active antenna beam
  cableLossDb: 3, // dB, losses and implementation margin of the reference budget
};

/** Viettel's 5G licence: 2500-2600 MHz (n41), centre 2550 MHz. */
export const NR_N41_VIETTEL: Readonly<BandPreset> = {
  ...NR_100_MHZ,
  id: 'nr-n41-2550',
  band: 'n41',
  label: '5G NR 2600 MHz (n41, 2500-2600 MHz), 100 MHz',
  frequencyMHz: 2550, // MHz
};

/** VNPT's (VinaPhone) 5G licence: 3700-3800 MHz (n77/n78), centre 3750 MHz. */
export const NR_N78_VNPT: Readonly<BandPreset> = {
  ...NR_100_MHZ,
  id: 'nr-n78-3750',
  band: 'n78',
  label: '5G NR 3700-3800 MHz (n78), 100 MHz',
  frequencyMHz: 3750, // MHz
};

/** MobiFone's 5G licence: 3800-3900 MHz (n77/n78), centre 3850 MHz. */
export const NR_N78_MOBIFONE: Readonly<BandPreset> = {
  ...NR_100_MHZ,
  id: 'nr-n78-3850',
  band: 'n78',
  label: '5G NR 3800-3900 MHz (n78), 100 MHz',
  frequencyMHz: 3850, // MHz
};

/**
 * The band each operator runs per technology. 4G: LTE 1800 for every operator, known or not. 5G: only the operators
 * holding a 5G licence (2024); others (Vietnamobile, Gmobile) have no 5G radio and cover nothing in 5G.
 */
export const OPERATOR_BANDS: Readonly<Record<Technology, Readonly<Record<string, Readonly<BandPreset>>>>> = {
  '4g': {},
  '5g': { Viettel: NR_N41_VIETTEL, VinaPhone: NR_N78_VNPT, MobiFone: NR_N78_MOBIFONE },
};

/** The band preset of an operator for a technology, or null when it has none. */
export function bandPresetFor(technology: Technology, operatorName: string): Readonly<BandPreset> | null {
  if (technology === '4g') return OPERATOR_BANDS['4g'][operatorName] ?? LTE_1800;
  return OPERATOR_BANDS['5g'][operatorName] ?? null;
}
