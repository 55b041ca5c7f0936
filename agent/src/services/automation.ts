import { AutomationSchema, type Automation, type EnvironmentType } from '@paas/protocol';

/**
 * An environment's automation when its creator gave none. Development installs the branch's own modules
 * on its fresh database, as Odoo.sh's development builds do ("install only my modules"); staging starts
 * from a copy of production and production from the database it has, so both install nothing unasked.
 */
export function defaultAutomation(type: EnvironmentType): Automation {
  return { ...AutomationSchema.parse({}), autoInstall: type === 'development' };
}
