import type { WordedMessage } from '../../core/model/wordedMessage';
import { describeCodedMessage, type VietnameseTemplates, viNumber } from '../i18n/describeCodedMessage';
import type { Language } from '../i18n/strings';

/** Why the province's rules refuse a site (checkSiteRules), in Vietnamese by code. */
const SITE_RULE_TEMPLATES: VietnameseTemplates = {
  insideExclusionZone: () => 'nằm trong vùng cấm xây dựng',
  insideA1OnlyZone: (p) => `nằm trong vùng chỉ cho phép cột A1: không được dựng cột ${p.mastType} mới`,
  spacing: (p) =>
    `khoảng cách: cách cột hiện có ${p.mast} ${viNumber(p.distanceM)} m, cột ${p.mastType} mới cần ` +
    `${viNumber(p.requiredM)} m`,
  farFromBackbone: (p) => `cách trục cáp quang ${viNumber(p.distanceM)} m, quá ${viNumber(p.maxM)} m`,
};

/** A rule a site breaks, in the UI's language (English: the core's words). */
export function describeSiteRule(message: WordedMessage, language: Language): string {
  return describeCodedMessage(message, language, SITE_RULE_TEMPLATES, null);
}
