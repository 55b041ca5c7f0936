import type { BillingPeriod, PlanChoice, PlanTier } from '@paas/protocol';
import { html, type TemplateResult } from 'lit';
import type { SettingsModel } from '../../messages/settings';
import { selectInput } from '../../shared/ui/controls';
import { gate, gateTitle } from '../../shared/ui/gate';
import { errorBanner, type RequestState } from '../../shared/ui/requests';

export interface PlanSectionActions {
  setDraft(plan: PlanChoice): void;
  change(): void;
}

const BILLING_CHOICES = [
  { value: 'monthly', label: 'Monthly' },
  { value: 'annual', label: 'Annual (ten months for twelve)' },
];

/** The plan and billing period; the agent refuses a plan whose limits current usage exceeds. */
export function planSection(
  model: SettingsModel,
  draft: PlanChoice,
  request: RequestState,
  a: PlanSectionActions,
): TemplateResult {
  const g = gate(model.access, 'plan.manage');
  const current = model.project.plan;
  const unchanged = draft.tier === current.tier && draft.billing === current.billing;
  const locked = !g.allowed || request.pendingId !== undefined;
  return html`<section class="plan-section" aria-labelledby="plan-title">
    <h2 id="plan-title"><span class="codicon codicon-credit-card" aria-hidden="true"></span> Plan</h2>
    ${errorBanner(request, ['plan.tier', 'plan.billing'])}
    <div class="row">
      ${selectInput(
        'plan.tier',
        'Plan',
        draft.tier,
        model.plans.map((p) => ({ value: p.tier, label: p.name })),
        (tier) => a.setDraft({ ...draft, tier: tier as PlanTier }),
        request.errors,
        locked,
      )}
      ${selectInput(
        'plan.billing',
        'Billing',
        draft.billing,
        BILLING_CHOICES,
        (billing) => a.setDraft({ ...draft, billing: billing as BillingPeriod }),
        request.errors,
        locked,
      )}
    </div>
    <vscode-button
      data-change-plan
      ?disabled=${locked || unchanged}
      title=${gateTitle(g, 'Change plan', model.access.role)}
      @click=${a.change}
      >Change plan</vscode-button
    >
  </section>`;
}
