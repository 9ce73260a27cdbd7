import type { MoneySettings } from '../../core/model/money';
import { editProject, useProject } from './appStore';

/** The project's money settings (currency and rate), for components. */
export function useMoney(): MoneySettings {
  return useProject((project) => project.money);
}

/** Changes how money is shown: one undoable edit (typing a rate digit by digit is one step). */
export function setMoney(patch: Partial<MoneySettings>): void {
  editProject((project) => ({ ...project, money: { ...project.money, ...patch } }), 'money');
}
