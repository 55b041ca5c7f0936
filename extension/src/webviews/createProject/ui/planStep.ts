import { html, type TemplateResult } from 'lit';
import type { PlanView } from '../../messages/createProject';
import type { Billing, Tier } from './state';

export interface PlanStepActions {
  setBilling(billing: Billing): void;
  choose(tier: Tier): void;
}

function money(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    cents / 100,
  );
}

function price(plan: PlanView, billing: Billing): TemplateResult {
  if (plan.monthlyPriceCents === 0) return html`<div class="price">Free</div>`;
  if (billing === 'monthly')
    return html`<div class="price">
      ${money(plan.monthlyPriceCents, plan.currency)}<span class="muted"> / month</span>
    </div>`;
  // Annual plans bill ten months for twelve.
  return html`<div class="price">
      ${money(plan.monthlyPriceCents * 10, plan.currency)}<span class="muted"> / year</span>
    </div>
    <div class="saving">Save ${money(plan.monthlyPriceCents * 2, plan.currency)} a year</div>`;
}

function limits(plan: PlanView): TemplateResult {
  const l = plan.limits;
  const yes = (ok: boolean, label: string): TemplateResult =>
    html`<li class=${ok ? '' : 'muted'}>
      <span class="codicon codicon-${ok ? 'check' : 'close'}" aria-hidden="true"></span
      >${label}${ok ? '' : ' (not included)'}
    </li>`;
  return html`<ul class="limits">
    <li>${l.instances === null ? 'Unlimited' : l.instances} app instances</li>
    <li>${l.environments} environment${l.environments === 1 ? '' : 's'}</li>
    <li>${l.seats} included seat${l.seats === 1 ? '' : 's'}</li>
    <li>${l.backupRetentionDays} days of backups</li>
    ${yes(l.automatedBuilds, 'Automated builds')} ${yes(l.whiteLabel, 'White label')}
  </ul>`;
}

/** Step 1: Free, Essential, Pro, Premium with their limits; Monthly/Annual switch with the annual saving. */
export function planStep(
  plans: readonly PlanView[],
  billing: Billing,
  chosen: Tier,
  actions: PlanStepActions,
): TemplateResult {
  return html`<h2>1. Choose a plan</h2>
    <vscode-radio-group class="billing" aria-label="Billing period">
      <vscode-radio
        name="billing"
        value="monthly"
        label="Monthly"
        ?checked=${billing === 'monthly'}
        @change=${() => actions.setBilling('monthly')}
      ></vscode-radio>
      <vscode-radio
        name="billing"
        value="annual"
        label="Annual (2 months free)"
        ?checked=${billing === 'annual'}
        @change=${() => actions.setBilling('annual')}
      ></vscode-radio>
    </vscode-radio-group>
    <div class="grid plans">
      ${plans.map(
        (plan) =>
          html`<section
            class="card plan ${plan.tier === chosen ? 'chosen' : ''}"
            data-tier=${plan.tier}
            aria-label="${plan.name} plan"
          >
            <h3>${plan.name}</h3>
            ${price(plan, billing)} ${limits(plan)}
            <vscode-button
              data-choose=${plan.tier}
              ?secondary=${plan.tier !== chosen}
              @click=${() => actions.choose(plan.tier)}
              >${plan.tier === chosen ? 'Selected — continue' : `Choose ${plan.name}`}</vscode-button
            >
          </section>`,
      )}
    </div>`;
}
