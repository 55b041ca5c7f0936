import type { PlanChoice } from '@paas/protocol';
import {
  PricingToExtensionSchema,
  type PricingModel,
  type PricingToExtension,
  type PricingToWebview,
} from '../messages/pricing';
import type { ScreenSpec } from '../shared/panelHost';
import { PanelRegistry, keyOf, screenTitle, type ProjectKey } from '../shared/panels';
import { showScreen, type Screen, type ScreenDeps } from '../shared/screenPanel';

/** Pricing & Plans over `plans/list`, `plans/usage` and `projects/changePlan`. */
export interface PricingBackend {
  load(ref: ProjectKey): Promise<PricingModel>;
  /** Rejects with the agent's `LimitExceeded` when current usage exceeds the new plan. */
  changePlan(ref: ProjectKey, plan: PlanChoice): Promise<void>;
}

export interface PricingDeps extends ScreenDeps {
  backend: PricingBackend;
}

const SPEC: ScreenSpec<PricingToExtension> = {
  viewType: 'paas.pricing',
  screen: 'pricing',
  title: 'Pricing & Plans',
  inbound: PricingToExtensionSchema,
};
const open = new PanelRegistry<Screen<PricingToWebview>>();

/** The plan, its billing period, usage against each limit, and the plans to move to (Admin). */
export function showPricing(deps: PricingDeps, ref: ProjectKey): Screen<PricingToWebview> {
  const b = deps.backend;
  return showScreen(open, SPEC, deps, keyOf(ref), (post, panel) => {
    const sendModel = async (): Promise<void> => {
      const model = await b.load(ref);
      panel.title = screenTitle(model.projectName, 'Pricing & Plans');
      post({ type: 'init', model });
    };
    return {
      onReady: sendModel,
      handlers: {
        refresh: sendModel,
        changePlan: async ({ plan }) => {
          await b.changePlan(ref, plan);
          await sendModel();
        },
      },
    };
  });
}
