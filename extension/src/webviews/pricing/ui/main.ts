import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '../../shared/ui/base.css';
import '../../createProject/ui/createProject.css';
import './pricing.css';
import type { PricingToExtension, PricingToWebview } from '../../messages/pricing';
import { connect, newRequestId } from '../../shared/ui/host';
import { mount } from '../../shared/ui/mount';
import { IDLE, finished, started } from '../../shared/ui/requests';
import { pricingView, type PricingActions, type PricingState } from './view';

const host = connect<PricingToWebview, PricingToExtension, PricingState>({
  init: ({ model }) => store.update((s) => ({ ...s, model })),
  requestDone: (done) => store.update((s) => ({ ...s, request: finished(s.request, done) })),
});

function begin(): string {
  const requestId = newRequestId();
  store.update((s) => ({ ...s, request: started(requestId) }));
  return requestId;
}

const actions: PricingActions = {
  setBilling: (billing) => store.update((s) => ({ ...s, billing })),
  change: (tier) => {
    const billing = store.state.billing ?? store.state.model?.plan.billing ?? 'monthly';
    host.post({ type: 'changePlan', requestId: begin(), plan: { tier, billing } });
  },
  refresh: () => host.post({ type: 'refresh', requestId: begin() }),
};

// Plans and usage are read afresh on every `ready`; only the billing shown survives a hide.
const store = mount<PricingState, PricingToExtension>(
  { model: undefined, billing: host.savedState?.billing, request: IDLE },
  (s) => pricingView(s, actions),
  host,
  (s) => ({ model: undefined, billing: s.billing, request: IDLE }),
);
