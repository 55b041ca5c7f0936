import { AutomationSchema, type Automation, type EnvironmentType } from '@paas/protocol';
import { invalidField } from '../errors';

/**
 * An environment's automation when its creator gave none. Development installs the branch's own modules
 * on its fresh database, as Odoo.sh's development builds do ("install only my modules"); staging starts
 * from a copy of production and production from the database it has, so both install nothing unasked.
 */
export function defaultAutomation(type: EnvironmentType): Automation {
  return { ...AutomationSchema.parse({}), autoInstall: type === 'development' };
}

/**
 * Refuses automation an environment of this type cannot have. Production never builds on a fresh database
 * (`cleanDatabase`): each build would start without the business's data, and the previous database would
 * be dropped once the build serves. Refused rather than ignored, so nobody believes it is on.
 */
export function assertAutomationFits(
  type: EnvironmentType,
  automation: Partial<Automation>,
  path: readonly string[],
): void {
  if (type === 'production' && automation.cleanDatabase === true) {
    throw invalidField(
      [...path, 'cleanDatabase'],
      'production never builds on a fresh database (its builds keep the database it serves)',
    );
  }
}
